using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace SalesBot.MicroBench;

/// <summary>
/// A short job that keeps the whole run (build included) near 3 minutes on 2 cores: in-process (no generated
/// project to build per benchmark), 1 launch, 3 warm-up and 10 measured iterations of about 150 ms each.
/// Ratios against a reference measured the same way are what to read; the absolute times are indicative.
/// </summary>
internal static class MicroJob
{
    public const int WarmupCount = 3;
    public const int IterationCount = 10;
    public static readonly TimeInterval IterationTime = TimeInterval.FromMilliseconds(150);

    public static Job Create(bool quick) => quick
        ? Job.Dry.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithWarmupCount(1).WithIterationCount(3).WithId("quick")
        : Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount)
            .WithIterationTime(IterationTime)
            .WithId("short");

    public static string Describe(bool quick) => quick
        ? "a quick check (1 warm-up, 3 single-invocation iterations: not figures to quote)"
        : $"in-process, 1 launch, {WarmupCount} warm-up and {IterationCount} measured iterations of about {IterationTime.ToMilliseconds():0} ms each";
}
