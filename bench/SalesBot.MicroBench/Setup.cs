using System.Collections.Concurrent;

namespace SalesBot.MicroBench;

/// <summary>
/// Checks a benchmark's input in its [GlobalSetup], so a broken benchmark stops the run instead of timing an
/// error path. BenchmarkDotNet's in-process runner reports a setup that threw only as "no results"; the
/// reasons are kept here for the run's closing message.
/// </summary>
internal static class Setup
{
    private static readonly ConcurrentQueue<string> Problems = new();

    public static IReadOnlyCollection<string> Failures => Problems;

    public static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark input is not valid: " + what);
        }
    }

    /// <summary>Runs a setup, noting why it failed before BenchmarkDotNet swallows the exception.</summary>
    public static void Checked(string benchmark, Action prepare)
    {
        try
        {
            prepare();
        }
        catch (Exception ex)
        {
            Problems.Enqueue($"{benchmark}: {ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }
}
