namespace SalesBot.MicroBench;

/// <summary>Checks a benchmark's input in its [GlobalSetup], so a broken benchmark stops the run instead of timing an error path.</summary>
internal static class Setup
{
    public static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark input is not valid: " + what);
        }
    }
}
