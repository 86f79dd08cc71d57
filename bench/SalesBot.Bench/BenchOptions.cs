using System.Globalization;

namespace SalesBot.Bench;

/// <summary>One Host build to measure: a label for the report and the built Host dll.</summary>
internal sealed record HostVariant(string Name, string Label, string Dll);

/// <summary>Command-line settings. <c>--quick</c> is the smoke-test preset; explicit flags override either preset.</summary>
internal sealed record BenchOptions
{
    public required HostVariant Before { get; init; }
    public required HostVariant After { get; init; }
    public required string OutputDirectory { get; init; }
    public required string WorkDirectory { get; init; }
    public bool Quick { get; init; }
    public int Rounds { get; init; } = 5;
    public int Users { get; init; } = 2000;
    public int Connections { get; init; } = 32;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Enrolment is count-bound (one turn per user); this caps it in time should a Host crawl.</summary>
    public TimeSpan EnrollCap { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Hard cap on requests per phase, so a very fast Host cannot make the latency arrays unbounded.</summary>
    public int MaxRequestsPerPhase { get; init; } = 2_000_000;

    /// <summary>A run fails when more than this share of its requests were not 2xx.</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
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

        // Enough reps that none of them passes Teams' per-conversation limit (60 sends in 30 s) at
        // thousands of turns a second: past it, replies are refused and the run measures throttling.
        var preset = quick
            ? new { Rounds = 1, Users = 2000, Warmup = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromSeconds(5) }
            : new { Rounds = 5, Users = 2000, Warmup = TimeSpan.FromSeconds(5), Duration = TimeSpan.FromSeconds(20) };
        return new BenchOptions
        {
            Before = new HostVariant("before", Required("before-label"), Path.GetFullPath(Required("before-dll"))),
            After = new HostVariant("after", Required("after-label"), Path.GetFullPath(Required("after-dll"))),
            OutputDirectory = Path.GetFullPath(Required("out")),
            WorkDirectory = Path.GetFullPath(map.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "salesbot-bench-" + Guid.NewGuid().ToString("N"))),
            Quick = quick,
            Rounds = Int("rounds", preset.Rounds),
            Users = Int("users", preset.Users),
            Connections = Int("connections", 32),
            Warmup = Seconds("warmup", preset.Warmup),
            Duration = Seconds("duration", preset.Duration),
        };
    }
}
