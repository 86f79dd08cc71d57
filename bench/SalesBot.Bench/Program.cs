using System.Globalization;
using SalesBot.Bench;
using SalesBot.Bench.References;

// SalesBot against the least work a turn can do, measured side by side on this machine (issue 12).
// `serve kestrel|minimal-turn` runs one of the references as its own process; anything else is the bench.
// Exit code 0 = pass, 1 = errors, missing replies or (smoke) below the ratio guard, 2 = could not run.
if (args.Length > 0 && args[0] == "serve")
{
    return await ReferenceServer.RunAsync(args[1..]);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: SalesBot.Bench --host-dll D --host-label L --out DIR [--smoke] [--min-ratio R] [--cosmos-endpoint URL] [--micro DIR] [--memory off] [--fanout off] [--summary off] [--only turns|memory|fanout|summary] [--rounds N] [--users N] [--connections N] [--warmup S] [--duration S] [--work DIR]");
    return 2;
}

var startedAt = DateTimeOffset.UtcNow;
Directory.CreateDirectory(options.WorkDirectory);
var pem = Path.Combine(options.WorkDirectory, "local-issuer.pem");
using var keys = new SigningKeys();
using var certificate = LocalTls.Create(pem);
await using var peers = await LocalPeers.StartAsync(keys, certificate);
// Pre-minted: every turn carries the same Bot Framework token, as the service reuses one for its lifetime.
var token = keys.Mint(HostEnvironment.AppId, peers.ServiceUrl, TimeSpan.FromHours(2));
await peers.WarmUpAsync(options.Connections, TimeSpan.FromSeconds(2));

var self = typeof(BenchOptions).Assembly.Location;
var kestrel = new Target("minimal-kestrel", TargetKind.MinimalKestrel, "minimal Kestrel endpoint (reference)", self, ["serve", ReferenceServer.Kestrel]);
var minimalTurn = new Target("minimal-turn", TargetKind.MinimalTurn, "minimal turn (reference)", self, ["serve", ReferenceServer.MinimalTurnName]);
var salesBot = new Target("salesbot", TargetKind.SalesBotSqlite, $"SalesBot, SQLite ({options.HostLabel})", options.HostDll, []);
var salesBotCosmos = new Target("salesbot-cosmos", TargetKind.SalesBotCosmos, "SalesBot, Cosmos test server (latency only)", options.HostDll, []);
Target[] interleaved = options.Smoke ? [minimalTurn, salesBot] : [kestrel, minimalTurn, salesBot];

Console.WriteLine($"peers: metadata {peers.BotFrameworkMetadata}, token endpoint {peers.HttpsBase}, connector {peers.ServiceUrl}");
Console.WriteLine($"load: {options.Connections} connections, {options.Users} reps, {options.Warmup.TotalSeconds} s warm-up + {options.Duration.TotalSeconds} s, {options.Rounds} round(s)");
var runner = new TurnRun(options, peers, token, pem);
var runs = new List<RunResult>();
var sections = new List<ReportSection>();
var passed = true;
try
{
    // An unreported pilot run: the first run of a bench process came out slower in trials (page cache,
    // thread pool and this process's JIT settling), which would land on one target only.
    if (options.Rounds > 0)
    {
        var pilot = await new TurnRun(options with { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(3) }, peers, token, pem).RunAsync(salesBot, 0, 200);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pilot (not reported): {pilot.CheckIn.TurnsPerSecond:0.0} turns/s, errors {pilot.Errors}"));
    }

    for (var round = 1; round <= options.Rounds; round++)
    {
        // Rotated each round, so whatever favours a slot in the round falls on every target alike.
        foreach (var target in interleaved.Skip((round - 1) % interleaved.Length).Concat(interleaved.Take((round - 1) % interleaved.Length)))
        {
            passed &= Record(await runner.RunAsync(target, round, options.Users));
        }
    }

    if (options.CosmosEndpoint is not null && options.Rounds > 0)
    {
        passed &= Record(await new TurnRun(options, peers, token, pem).RunAsync(salesBotCosmos, 1, options.CosmosUsers));
    }

    if (options.Memory)
    {
        Console.WriteLine($"memory: {options.MemoryTurns:N0} + {options.MemoryTurns:N0} turns, then {options.ScheduledMembers:N0} members scheduled");
        var memory = await new MemoryRun(options, peers, token, pem).RunAsync(salesBot);
        passed &= memory.Errors == 0;
        sections.Add(MemorySection.Of(memory));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {string.Join("; ", memory.Points.Select(p => $"{p.Moment} {p.WorkingSetMb:0} MB WS, {p.ManagedHeapMb:0} MB heap"))}; second batch {memory.SecondBatchGrowth:+0.0%;-0.0%}"));
    }

    if (options.FanOut)
    {
        Console.WriteLine($"fan-out: {options.FanOutMembers:N0} members in {options.FanOutTenants} tenants, due {options.FanOutLead.TotalSeconds:0} s from now");
        var fanOut = await new FanOutRun(options, peers, pem).RunAsync(salesBot);
        passed &= fanOut.Losses == 0 && fanOut.Duplicates == 0;
        sections.Add(FanOutSection.Of(fanOut));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fan-out: {fanOut.DeliveredSeconds:0.0} s against a floor of {fanOut.FloorSeconds:0.0} s ({fanOut.Ratio:0.000}x), {fanOut.Duplicates} duplicates, {fanOut.Losses} losses, 429s {fanOut.OverLimit429} over a limit + {fanOut.Injected429} unprovoked"));
    }

    if (options.Summary)
    {
        var summary = await new SummaryCostRun(options, peers, token, pem, certificate).RunAsync(options.HostDll);
        passed &= summary.Errors == 0 && summary.RepliesPerTurn >= 0.99;
        sections.Add(SummaryCostSection.Of(summary));
    }
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
{
    Console.Error.WriteLine($"bench could not run: {ex.Message}");
    return 2;
}

if (options.MicroResults is { } micro && File.Exists(Path.Combine(micro, "micro.md")))
{
    sections.Add(new ReportSection("Micro-benchmarks (BenchmarkDotNet)", File.ReadAllText(Path.Combine(micro, "micro.md")), null));
}

var ratio = Ratio.Of(runs, TargetKind.SalesBotSqlite, TargetKind.MinimalTurn);
var checks = Targets.Check(runs, sections, options);
if (options.Smoke && (ratio is null || ratio.TurnsPerSecond < options.MinRatio))
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"regression guard: SalesBot made {ratio?.TurnsPerSecond ?? 0:0.000} of the minimal turn's turns/s in this run, below the guard's {options.MinRatio:0.000}."));
    passed = false;
}

foreach (var file in Report.Write(options, runs, sections, checks, startedAt, passed))
{
    Console.WriteLine($"wrote {file}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SalesBot / minimal turn: turns/s {ratio?.TurnsPerSecond ?? 0:0.000}, p99 {ratio?.P99 ?? 0:0.000} ({(passed ? "pass" : "FAIL")})"));
return passed ? 0 : 1;

bool Record(RunResult run)
{
    runs.Add(run);
    var ok = run.Passed(options.MaxErrorRate);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {run.Round} {run.Target,-16} {run.CheckIn.TurnsPerSecond,9:0.0} turns/s  p50 {run.CheckIn.P50Ms,7:0.00}  p99 {run.CheckIn.P99Ms,7:0.00} ms  cpu {run.CpuMsPerTurn:0.000} ms/turn  alloc {run.AllocatedKbPerTurn:0.0} KB/turn  " +
        $"errors {run.Errors}  peak WS {run.PeakWorkingSetMb:0} MB  replies/turn {run.RepliesPerTurn:0.000}  warnings {run.HostWarnings}{(ok ? string.Empty : "  << FAIL")}"));
    return ok;
}
