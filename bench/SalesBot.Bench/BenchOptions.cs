using System.Globalization;

namespace SalesBot.Bench;

/// <summary>
/// Command-line settings. <c>--smoke</c> is the CI regression guard's preset (a few seconds, SalesBot and
/// the minimal turn only, failing below <c>--min-ratio</c>); explicit flags override either preset.
/// </summary>
internal sealed record BenchOptions
{
    public required string HostDll { get; init; }
    public required string HostLabel { get; init; }
    public required string OutputDirectory { get; init; }
    public required string WorkDirectory { get; init; }
    public bool Smoke { get; init; }
    public int Rounds { get; init; } = 3;
    public int Users { get; init; } = 10_000;
    public int Connections { get; init; } = 32;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The Cosmos test server for the latency-only Cosmos run; none means that run is left out (and the report says so).</summary>
    public string? CosmosEndpoint { get; init; }

    /// <summary>Reps in the Cosmos run: the test server is far slower than SQLite, so fewer reps keep enrolment short.</summary>
    public int CosmosUsers { get; init; } = 1_000;

    public bool Memory { get; init; } = true;
    public int MemoryTurns { get; init; } = 100_000;
    public int ScheduledMembers { get; init; } = 100_000;
    public TimeSpan MemoryCap { get; init; } = TimeSpan.FromSeconds(240);

    /// <summary>The summary-cost section (<c>status month</c> with a month and a year of history); <c>--summary off</c> leaves it out.</summary>
    public bool Summary { get; init; } = true;

    /// <summary><c>status month</c> turns per SQLite phase, and per Cosmos history (the test server is slow).</summary>
    public int SummaryTurns { get; init; } = 400;
    public int SummaryCosmosTurns { get; init; } = 30;

    /// <summary><c>--only summary</c> (or <c>memory</c>): just that section, without the turn rounds or the other sections.</summary>
    public string? Only { get; init; }

    /// <summary>The fan-out run: members due at one instant, tenants of equal size, the share of in-limit sends answered 429.</summary>
    public bool FanOut { get; init; } = true;
    public int FanOutMembers { get; init; } = 10_000;
    public int FanOutTenants { get; init; } = 5;
    public double FanOutInjected429 { get; init; } = 0.03;

    /// <summary>From the start of the fan-out run to the due instant: seeding and the Host's start-up fit in it.</summary>
    public TimeSpan FanOutLead { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Folder with the micro-benchmarks' micro.md, folded into the report when present.</summary>
    public string? MicroResults { get; init; }

    /// <summary>The smoke run fails when SalesBot's turns/s fall below this share of the minimal turn's.</summary>
    public double MinRatio { get; init; } = 0.03;

    /// <summary>Enrolment is count-bound (one turn per user); this caps it in time should a Host crawl.</summary>
    public TimeSpan EnrollCap { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Hard cap on requests per phase, so a very fast target cannot make the latency arrays unbounded.</summary>
    public int MaxRequestsPerPhase { get; init; } = 2_000_000;

    /// <summary>A run fails when more than this share of its requests were not 2xx.</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke")
            {
                smoke = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                map[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        string Required(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required.");
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string key, TimeSpan fallback) =>
            map.TryGetValue(key, out var v) ? TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) : fallback;

        // 10,000 reps: at thousands of turns a second none of them passes Teams' per-conversation limit
        // (60 sends in 30 s), which the Host enforces on its replies; past it the run would measure throttling.
        // --only SECTION: that section alone (no turn rounds), e.g. to check it without loading the machine for 15 minutes.
        var only = map.GetValueOrDefault("only");
        if (only is not (null or "turns" or "memory" or "summary" or "fanout"))
        {
            throw new ArgumentException($"--only takes turns, memory, summary or fanout, not '{only}'.");
        }

        return new BenchOptions
        {
            HostDll = Path.GetFullPath(Required("host-dll")),
            HostLabel = Required("host-label"),
            OutputDirectory = Path.GetFullPath(Required("out")),
            WorkDirectory = Path.GetFullPath(map.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "salesbot-bench-" + Guid.NewGuid().ToString("N"))),
            Smoke = smoke,
            Rounds = only is null or "turns" ? Int("rounds", smoke ? 1 : 3) : 0,
            Users = Int("users", smoke ? 2_000 : 10_000),
            Connections = Int("connections", 32),
            Warmup = Seconds("warmup", TimeSpan.FromSeconds(smoke ? 2 : 5)),
            Duration = Seconds("duration", TimeSpan.FromSeconds(smoke ? 5 : 15)),
            CosmosEndpoint = smoke ? null : map.GetValueOrDefault("cosmos-endpoint"),
            Memory = !smoke && map.GetValueOrDefault("memory") != "off" && only is null or "memory",
            FanOut = !smoke && map.GetValueOrDefault("fanout") != "off" && only is null or "fanout",
            FanOutMembers = Int("fanout-members", 10_000),
            FanOutTenants = Int("fanout-tenants", 5),
            FanOutLead = Seconds("fanout-lead", TimeSpan.FromSeconds(25)),
            FanOutInjected429 = map.TryGetValue("fanout-429", out var share) ? double.Parse(share, CultureInfo.InvariantCulture) : 0.03,
            MemoryTurns = Int("memory-turns", 100_000),
            ScheduledMembers = Int("scheduled-members", 100_000),
            MicroResults = map.GetValueOrDefault("micro"),
            Summary = !smoke && map.GetValueOrDefault("summary") != "off" && only is null or "summary",
            SummaryTurns = Int("summary-turns", 400),
            SummaryCosmosTurns = Int("summary-cosmos-turns", 30),
            Only = only,
            MinRatio = map.TryGetValue("min-ratio", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 0.03,
        };
    }
}
