using System.Globalization;
using SalesBot.Bench;

// Before/after first-turn benchmark: both Hosts against the same local peers and the same load,
// interleaved in rounds (ABBA). Exit code 0 = pass, 1 = too many errors or missing replies, 2 = could not run.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: SalesBot.Bench --before-dll D --before-label L --after-dll D --after-label L --out DIR [--quick] [--rounds N] [--users N] [--connections N] [--warmup S] [--duration S] [--work DIR]");
    return 2;
}

var startedAt = DateTimeOffset.UtcNow;
Directory.CreateDirectory(options.WorkDirectory);
var pem = Path.Combine(options.WorkDirectory, "local-issuer.pem");
using var keys = new SigningKeys();
using var certificate = LocalTls.Create(pem);
await using var peers = await LocalPeers.StartAsync(keys, certificate);
// Pre-minted: every turn carries the same Bot Framework token, as the service reuses one for its lifetime.
var token = keys.Mint(HostRun.AppId, peers.ServiceUrl, TimeSpan.FromHours(2));
var runner = new HostRun(options, peers, token, pem);
await peers.WarmUpAsync(options.Connections, TimeSpan.FromSeconds(2));

Console.WriteLine($"peers: metadata {peers.BotFrameworkMetadata}, token endpoint {peers.HttpsBase}, connector {peers.ServiceUrl}");
Console.WriteLine($"load: {options.Connections} connections, {options.Users} reps, {options.Warmup.TotalSeconds} s warm-up + {options.Duration.TotalSeconds} s, {options.Rounds} round(s)");
var runs = new List<RunResult>();
var passed = true;
try
{
    // An unreported pilot run: in trials the very first Host run of a bench process was slower than the
    // rest (page cache, thread pool and GC of this process settling), which would land on "before" only.
    var pilot = await new HostRun(options with { Users = Math.Min(200, options.Users), Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(3) }, peers, token, pem)
        .RunAsync(options.After, 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pilot (not reported): {pilot.CheckIn.TurnsPerSecond:0.0} turns/s, errors {pilot.CheckIn.Errors + pilot.Enroll.Errors}"));

    for (var round = 1; round <= options.Rounds; round++)
    {
        // ABBA order (before-after, after-before, …): a drift in the machine's load or anything that favours
        // the first or second slot of a round falls on both variants alike.
        var order = round % 2 == 1 ? new[] { options.Before, options.After } : [options.After, options.Before];
        foreach (var variant in order)
        {
            var run = await runner.RunAsync(variant, round);
            runs.Add(run);
            var ok = run.CheckIn.ErrorRate <= options.MaxErrorRate && run.Enroll.ErrorRate <= options.MaxErrorRate && run.RepliesPerTurn >= 0.99;
            passed &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round} {variant.Name,-6} {run.CheckIn.TurnsPerSecond,8:0.0} turns/s  p50 {run.CheckIn.P50Ms,7:0.00} ms  p99 {run.CheckIn.P99Ms,7:0.00} ms  " +
                $"errors {run.CheckIn.Errors + run.Enroll.Errors}  enrol {run.Enroll.TurnsPerSecond:0.0}/s  peak WS {run.PeakWorkingSetMb:0} MB  replies/turn {run.RepliesPerTurn:0.000}  warnings {run.HostWarnings}{(ok ? string.Empty : "  << FAIL")}"));
        }
    }
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
{
    Console.Error.WriteLine($"bench could not run: {ex.Message}");
    return 2;
}

foreach (var file in Report.Write(options, runs, startedAt, passed))
{
    Console.WriteLine($"wrote {file}");
}

var c = Comparison.Of(runs);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"after/before: turns/s {c.TurnsPerSecondRatio:0.000}, p99 {c.P99Ratio:0.000} ({(passed ? "pass" : "FAIL: errors over " + (options.MaxErrorRate * 100) + "% or missing replies")})"));
return passed ? 0 : 1;
