using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using SalesBot.Core.Summaries;
using SalesBot.Storage.Cosmos;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Bench;

/// <summary>Latency of <c>status month</c> turns for one store and one length of history, at one concurrency.</summary>
internal sealed record SummaryLatency(string Store, int Months, int Connections, PhaseResult Phase);

/// <summary>What one <c>status month</c> turn asked of Cosmos DB, counted by the proxy (<see cref="CosmosCountingProxy"/>).</summary>
internal sealed record SummaryOperations(int Months, int Turns, int OperationsMin, int OperationsMax, IReadOnlyDictionary<string, int> ByKind,
    double EstimatedRu, double ServerCharge, double KbReturned);

/// <summary>What the reply to a <c>status month</c> turn showed.</summary>
internal sealed record SummaryReply(string Text, int RepsListed, bool HasChart, double ChartDrawMs, long ChartBytes);

internal sealed record SummaryCostResult(
    IReadOnlyList<SeededHistory> Seeded,
    IReadOnlyList<SummaryLatency> Latency,
    IReadOnlyList<SummaryOperations> Cosmos,
    IReadOnlyList<SummaryReply> Replies,
    long Errors,
    double RepliesPerTurn,
    int Managers,
    double Seconds,
    double LoadAverageStart,
    double LoadAverageEnd)
{
    public SummaryLatency? Sqlite(int months, int connections) =>
        Latency.FirstOrDefault(l => l.Store == "SQLite" && l.Months == months && l.Connections == connections);

    public SummaryOperations? CosmosFor(int months) => Cosmos.FirstOrDefault(c => c.Months == months);
}

/// <summary>
/// Summary cost (issue 12, 1.4): <c>status month</c> for a team of 50 reps, with one month and with a
/// year of history, through the real Host's <c>/api/messages</c> with auth, the reply to the local
/// connector. For each history: a fresh store; the team joins through the Host (each person's first
/// message); the Host is stopped and the history written through the product's own store writer
/// (<see cref="SummaryHistory"/>); a fresh Host then answers the managers' <c>status month</c> turns.
/// SQLite: latency one at a time and at a few connections. Cosmos test server: the operations of single
/// turns as the Host sent them (through <see cref="CosmosCountingProxy"/>) and their expected RU.
/// </summary>
internal sealed class SummaryCostRun(BenchOptions options, LocalPeers peers, string token, string certificatePem, X509Certificate2 certificate)
{
    public const string Text = "status month";
    public const int Managers = 40;
    public static readonly int[] Histories = [1, 12];

    private static readonly TimeSpan PhaseCap = TimeSpan.FromSeconds(10);
    private long _sent;
    private long _errors;

    public async Task<SummaryCostResult> RunAsync(string hostDll)
    {
        var started = Stopwatch.GetTimestamp();
        var loadStart = TurnRun.LoadAverage();
        var repliesBefore = peers.Replies;
        var seeded = new List<SeededHistory>();
        var latency = new List<SummaryLatency>();
        var operations = new List<SummaryOperations>();
        var replies = new List<SummaryReply>();

        var sqlite = new Target("summary", TargetKind.SalesBotSqlite, "SalesBot, SQLite", hostDll, []);
        foreach (var months in Histories)
        {
            var folder = Path.Combine(options.WorkDirectory, $"summary-sqlite-{months}m");
            Directory.CreateDirectory(folder);
            var environment = Environment(sqlite, folder, options.CosmosEndpoint);
            await JoinAsync(hostDll, environment, folder);
            await using (var db = new SqliteDatabase(environment["Storage__Sqlite__Path"]))
            {
                var writer = new SqliteStoreWriter(db);
                seeded.Add(await SummaryHistory.WriteAsync(writer, new SqliteMemberStore(db), new SqliteOrganizationStore(db), months, 1,
                    (checkIns, wins, ct) => SummaryHistory.ThroughWriterAsync(writer, checkIns, wins, ct), CancellationToken.None) with { Store = "SQLite" });
            }

            Console.WriteLine($"summary: SQLite, {months} month(s) of history written ({seeded[^1].CheckIns:N0} check-ins, {seeded[^1].Wins:N0} wins, {seeded[^1].Seconds:0.0} s)");
            await using var host = await HostProcess.StartAsync(hostDll, environment, Path.Combine(folder, "host.log"));
            var turns = new SummaryTurns(peers.ServiceUrl, HostEnvironment.AppId, $"sm{months}");
            using var http = TurnRun.LoadClient(8);
            var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
            replies.Add(await CheckReplyAsync(host, turns));
            await Measure(load, turns, "warm-up", 1, Managers);
            foreach (var connections in new[] { 1, 4 })
            {
                var phase = await Measure(load, turns, $"status month, {months} mo, {connections} conn", connections, options.SummaryTurns);
                latency.Add(new SummaryLatency("SQLite", months, connections, phase));
                Console.WriteLine(System.FormattableString.Invariant(
                    $"summary: SQLite {months,2} mo, {connections} conn: {phase.TurnsPerSecond:0.0} turns/s, p50 {phase.P50Ms:0.00} p95 {phase.P95Ms:0.00} p99 {phase.P99Ms:0.00} ms, errors {phase.Errors}"));
            }
        }

        if (options.CosmosEndpoint is { } endpoint)
        {
            await using var proxy = await CosmosCountingProxy.StartAsync(new Uri(endpoint), certificate);
            var cosmos = new Target("summary-cosmos", TargetKind.SalesBotCosmos, "SalesBot, Cosmos test server", hostDll, []);
            foreach (var months in Histories)
            {
                var folder = Path.Combine(options.WorkDirectory, $"summary-cosmos-{months}m");
                Directory.CreateDirectory(folder);
                var environment = Environment(cosmos, folder, proxy.Endpoint.ToString());
                await JoinAsync(hostDll, environment, folder);
                seeded.Add(await SeedCosmosAsync(environment, endpoint, months) with { Store = "Cosmos" });
                Console.WriteLine($"summary: Cosmos, {months} month(s) of history written ({seeded[^1].CheckIns:N0} check-ins, {seeded[^1].Wins:N0} wins, {seeded[^1].Seconds:0.0} s)");
                await using var host = await HostProcess.StartAsync(hostDll, environment, Path.Combine(folder, "host.log"));
                var turns = new SummaryTurns(peers.ServiceUrl, HostEnvironment.AppId, $"sc{months}");
                using var http = TurnRun.LoadClient(1);
                var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
                await Measure(load, turns, "warm-up", 1, 3);
                operations.Add(await CountAsync(proxy, load, turns, months));
                var phase = await Measure(load, turns, $"cosmos status month, {months} mo", 1, options.SummaryCosmosTurns);
                latency.Add(new SummaryLatency("Cosmos test server", months, 1, phase));
                Console.WriteLine(System.FormattableString.Invariant(
                    $"summary: Cosmos {months,2} mo: {operations[^1].OperationsMin}–{operations[^1].OperationsMax} operations/turn, ≈ {operations[^1].EstimatedRu:0} RU; p50 {phase.P50Ms:0.0} p99 {phase.P99Ms:0.0} ms"));
            }
        }

        var repliesPerTurn = _sent == 0 ? 0 : Math.Round((double)(peers.Replies - repliesBefore) / _sent, 3);
        return new SummaryCostResult(seeded, latency, operations, replies, _errors, repliesPerTurn, Managers,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1), loadStart, TurnRun.LoadAverage());
    }

    private Dictionary<string, string> Environment(Target target, string folder, string? cosmosEndpoint)
    {
        var environment = HostEnvironment.For(target, folder, peers, certificatePem, cosmosEndpoint);
        // Teams fetches chart pictures from the bot's public address; the section fetches one from the Host itself.
        environment["Charts__PublicBaseUrl"] = PublicBase.ToString();
        return environment;
    }

    private static readonly Uri PublicBase = new("https://salesbot.bench.example/");

    /// <summary>The founder's first message (making them the manager), then every rep and the other managers.</summary>
    private async Task JoinAsync(string hostDll, Dictionary<string, string> environment, string folder)
    {
        await using var host = await HostProcess.StartAsync(hostDll, environment, Path.Combine(folder, "host-join.log"));
        using var http = TurnRun.LoadClient(8);
        var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
        var turns = new SummaryTurns(peers.ServiceUrl, HostEnvironment.AppId, "join-" + Path.GetFileName(folder));
        Count(await load.RunAsync("founder", seq => seq == 0 ? turns.Manager(0, "help") : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1));
        var people = SummaryTurns.Reps + Managers - 1;
        Count(await load.RunAsync("join", seq => seq >= people ? null : seq < SummaryTurns.Reps ? turns.Rep((int)seq + 1, "help") : turns.Manager((int)seq - SummaryTurns.Reps + 1, "help"),
            8, TimeSpan.Zero, TimeSpan.FromSeconds(120), people));
    }

    private static async Task<SeededHistory> SeedCosmosAsync(Dictionary<string, string> environment, string upstream, int months)
    {
        var cosmosOptions = new CosmosOptions
        {
            ConnectionString = environment["Storage__Cosmos__ConnectionString"],
            Database = environment["Storage__Cosmos__Database"],
            AcceptAnyServerCertificate = true,
        };
        // Straight to the test server: the seeding is not counted.
        var connection = $"AccountEndpoint={upstream};AccountKey={cosmosOptions.ConnectionString.Split("AccountKey=")[1]}";
        using var client = new CosmosClient(connection, CosmosClientFactory.ClientOptions(cosmosOptions, new CosmosOperationCounter()));
        var db = new CosmosDatabase(client.GetDatabase(cosmosOptions.Database), cosmosOptions);
        // Month rollups only, each built by the product's own rebuild (MonthRollup.Build, the same days and wins the writer
        // would have applied one by one): `status month` reads nothing else, and a year of check-in and win documents
        // through the writer takes minutes on the test server (three requests each).
        var rollups = new CosmosRollups(db);
        return await SummaryHistory.WriteAsync(new CosmosStoreWriter(db), new CosmosMemberStore(db), new CosmosOrganizationStore(db), months, 4,
            async (checkIns, wins, ct) =>
            {
                var member = checkIns[0].MemberId;
                foreach (var month in checkIns.Select(c => MonthRollup.MonthOf(c.ReportDate)).Concat(wins.Select(w => MonthRollup.MonthOf(w.At))).Distinct())
                {
                    var rollup = MonthRollup.Build(member, month, checkIns, wins);
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await rollups.ApplyAsync(member, month, _ => rollup, ct);
                            break;
                        }
                        catch (Exception ex) when (ex is HttpRequestException or CosmosException && attempt < 3)
                        {
                            // The test server drops a connection now and then under load; the write is idempotent.
                        }
                    }
                }
            }, CancellationToken.None);
    }

    /// <summary>Managers take turns, so no conversation nears Teams' per-conversation limit.</summary>
    private async Task<PhaseResult> Measure(LoadGenerator load, SummaryTurns turns, string phase, int connections, int count)
    {
        // Capped in time too, so a loaded machine cannot stretch the section far past its two minutes.
        var result = await load.RunAsync(phase, seq => seq < count ? turns.Manager((int)(seq % Managers), Text) : null, connections, TimeSpan.Zero, PhaseCap, count);
        Count(result);
        return result;
    }

    private void Count(PhaseResult phase)
    {
        _sent += phase.Sent;
        _errors += phase.Errors;
    }

    /// <summary>Single turns, one at a time, each with its own recording: what one <c>status month</c> costs.</summary>
    private async Task<SummaryOperations> CountAsync(CosmosCountingProxy proxy, LoadGenerator load, SummaryTurns turns, int months)
    {
        const int samples = 5;
        var perTurn = new List<IReadOnlyList<CosmosCall>>();
        for (var i = 0; i < samples; i++)
        {
            var stop = proxy.Record();
            Count(await load.RunAsync("counted", seq => seq == 0 ? turns.Manager(i % Managers, Text) : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1));
            perTurn.Add([.. stop().Where(c => c.Kind != "metadata")]);
        }

        var typical = perTurn.OrderBy(t => t.Count).ElementAt(samples / 2);
        return new SummaryOperations(
            months,
            samples,
            perTurn.Min(t => t.Count),
            perTurn.Max(t => t.Count),
            typical.GroupBy(c => $"{c.Kind} {c.Container}").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Math.Round(typical.Sum(RequestUnits.Estimate), 1),
            typical.Sum(c => c.RequestCharge),
            Math.Round(typical.Sum(c => c.ResponseBytes) / 1024.0, 1));
    }

    /// <summary>One <c>status month</c> turn with every reply kept: its text, the reps its table lists, and its chart fetched from the Host.</summary>
    private async Task<SummaryReply> CheckReplyAsync(HostProcess host, SummaryTurns turns)
    {
        var seen = new List<JsonNode>();
        peers.ReplyObserver = reply => { lock (seen) { seen.Add(reply); } };
        try
        {
            using var http = TurnRun.LoadClient(1);
            var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
            Count(await load.RunAsync("reply check", seq => seq == 0 ? turns.Manager(0, Text) : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1));
        }
        finally
        {
            peers.ReplyObserver = null;
        }

        JsonNode[] replies;
        lock (seen)
        {
            replies = [.. seen];
        }

        var reply = replies.LastOrDefault() ?? throw new InvalidOperationException("A status month turn got no reply.");
        var json = reply.ToJsonString();
        var listed = Enumerable.Range(1, SummaryTurns.Reps).Count(r => json.Contains($"Rep {r:D2}", StringComparison.Ordinal));
        var chartUrl = json.Split('"').FirstOrDefault(s => s.StartsWith(PublicBase + "charts/", StringComparison.Ordinal));
        double drawMs = 0;
        long bytes = 0;
        if (chartUrl is not null)
        {
            using var http = new HttpClient();
            var local = new Uri(host.BaseUrl, chartUrl[PublicBase.ToString().Length..].Replace("\\u0026", "&", StringComparison.Ordinal));
            var t0 = Stopwatch.GetTimestamp();
            var png = await http.GetByteArrayAsync(local);
            drawMs = Math.Round(Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 1);
            bytes = png.Length;
        }

        // Teams gets the view as an Adaptive Card: its headline ("… of … expected check-ins, … wins, … deals won.") says what it is.
        var headline = Texts(reply).FirstOrDefault(t => t.Contains("expected check-ins", StringComparison.Ordinal)) ?? string.Empty;
        return new SummaryReply(headline, listed, chartUrl is not null, drawMs, bytes);
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var t) ? [t] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}

/// <summary>
/// Expected request units of a call on a real account (the test server always answers a charge of 1).
/// Published: a point read of a 1 KB item is 1 RU and of 100 KB 10 RU; a 1 KB write about 5.5 RU and
/// 100 KB about 50 (learn.microsoft.com, "Request units" and "Optimize request cost"). Queries cost "a
/// variable number of RUs": estimated here, as in the store's README, at 2.5 RU plus 1 RU per KB returned.
/// </summary>
internal static class RequestUnits
{
    public static double Estimate(CosmosCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var kb = Math.Max(1, call.ResponseBytes / 1024.0);
        var written = Math.Max(1, call.RequestBytes / 1024.0);
        return call.Kind switch
        {
            "point read" => 1 + ((kb - 1) * 9 / 99),
            "query" => 2.5 + (call.ResponseBytes / 1024.0),
            "create" or "replace" or "upsert" or "patch" or "delete" => 5.5 + ((written - 1) * 44.5 / 99),
            _ => 0,
        };
    }
}
