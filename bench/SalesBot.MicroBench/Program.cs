using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using SalesBot.MicroBench;

// The micro-benchmarks of issue 12: SalesBot's rendering, parsing and request checks, each beside a plain
// reference in the same BenchmarkDotNet run. Writes DIR/micro.md (folded into bench/results/latest.md by
// bench/run.sh) and keeps BenchmarkDotNet's own reports in DIR/BenchmarkDotNet.Artifacts.
MicroOptions options;
try
{
    options = MicroOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: SalesBot.MicroBench --out DIR [--label L] [--filter GLOB]... [--quick]");
    return 2;
}

var clock = Stopwatch.StartNew();
var loadBefore = LoadAverage.Now();
Directory.CreateDirectory(options.OutputDirectory);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(MicroJob.Create(options.Quick))
    .AddFilter(new GlobFilter(options.Filters))
    .WithArtifactsPath(Path.Combine(options.OutputDirectory, "BenchmarkDotNet.Artifacts"));

Type[] benchmarks =
[
    typeof(TeamsCardBenchmarks),
    typeof(SlackBlockKitBenchmarks),
    typeof(CheckInParsingBenchmarks),
    typeof(SlackSignatureBenchmarks),
    typeof(JwtValidationBenchmarks),
];
var summaries = BenchmarkRunner.Run(benchmarks, config);

// A setup that threw, or a benchmark that failed, leaves a report without results: fail loudly.
var failed = summaries.SelectMany(s => s.Reports.Where(r => !r.Success || r.ResultStatistics is null).Select(r => r.BenchmarkCase.DisplayInfo))
    .Concat(summaries.Where(s => s.HasCriticalValidationErrors).Select(s => s.Title + ": validation errors"))
    .ToList();
if (summaries.Sum(s => s.Reports.Length) == 0)
{
    failed.Add("no benchmark ran (check --filter)");
}

if (failed.Count > 0)
{
    Console.Error.WriteLine("micro-benchmarks failed:\n  " + string.Join("\n  ", Setup.Failures.Distinct().Concat(failed)));
    return 1;
}

var micro = Path.Combine(options.OutputDirectory, "micro.md");
await File.WriteAllTextAsync(micro, MicroReport.Render(summaries, options, $"{loadBefore} at the start, {LoadAverage.Now()} at the end"));
Console.WriteLine(await File.ReadAllTextAsync(micro));
Console.WriteLine($"wrote {micro} ({clock.Elapsed.TotalSeconds:0} s)");
return 0;
