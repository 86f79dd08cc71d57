namespace SalesBot.Bench;

/// <summary>What one Host run measured.</summary>
internal sealed record RunResult
{
    public required string Variant { get; init; }
    public required string Label { get; init; }
    public required int Round { get; init; }
    public required PhaseResult Enroll { get; init; }
    public required PhaseResult CheckIn { get; init; }
    public required double PeakWorkingSetMb { get; init; }
    public required long ConnectorReplies { get; init; }

    /// <summary>Turns sent in this run, warm-up and enrolment included; each should have produced one reply.</summary>
    public required long TurnsSent { get; init; }

    public double RepliesPerTurn => TurnsSent == 0 ? 0 : Math.Round((double)ConnectorReplies / TurnsSent, 3);
    public required long OutboundTokenRequests { get; init; }
    public required int HostWarnings { get; init; }
    public required double DatabaseMb { get; init; }

    /// <summary>The machine's 1-minute load average when the run started and ended: other work on a shared machine shows here.</summary>
    public required double LoadAverageStart { get; init; }
    public required double LoadAverageEnd { get; init; }

    /// <summary>What the bot answered to one of the check-ins, to show the turns did what they should.</summary>
    public string? SampleReply { get; init; }
}

/// <summary>
/// One round for one Host: start it on a fresh SQLite file with auth on against the local peers, enrol
/// every user (one message each), then the timed check-in load, then read its peak working set and stop it.
/// </summary>
internal sealed class HostRun(BenchOptions options, LocalPeers peers, string token, string certificatePem)
{
    public const string AppId = "5b0b3a1e-0000-4000-8000-0000bench001";
    public const string AppTenantId = TeamsTurns.TenantId;

    public async Task<RunResult> RunAsync(HostVariant variant, int round)
    {
        var folder = Path.Combine(options.WorkDirectory, $"{variant.Name}-{round}");
        Directory.CreateDirectory(folder);
        var loadStart = LoadAverage();
        var repliesBefore = peers.Replies;
        var tokensBefore = peers.TokenRequests;
        await using var host = await HostProcess.StartAsync(variant.Dll, HostEnvironment(folder), Path.Combine(folder, "host.log"));

        // One keep-alive connection per worker; a fresh client per run so no run inherits another's pool.
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
        var turns = new TeamsTurns(peers.ServiceUrl, AppId, options.Users, $"{variant.Name[0]}{round}", DateTimeOffset.UtcNow);

        var manager = await load.RunAsync("manager", seq => seq == 0 ? turns.Manager() : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1);
        if (manager.Errors > 0 || manager.Requests != 1)
        {
            throw new InvalidOperationException($"{variant.Name}: the first turn failed ({string.Join(", ", manager.Statuses.Select(s => $"{s.Key}×{s.Value}"))}); see {folder}/host.log.");
        }

        var enroll = await load.RunAsync("enroll", turns.Enroll, options.Connections, TimeSpan.Zero, options.EnrollCap, options.Users);
        var checkIn = await load.RunAsync("check-in", turns.CheckIn, options.Connections, options.Warmup, options.Duration, options.MaxRequestsPerPhase);
        var peak = host.PeakWorkingSetBytes();
        var database = Path.Combine(folder, "salesbot.db");
        return new RunResult
        {
            Variant = variant.Name,
            Label = variant.Label,
            Round = round,
            Enroll = enroll,
            CheckIn = checkIn,
            PeakWorkingSetMb = Math.Round(peak / 1024.0 / 1024.0, 1),
            // Every turn (manager, enrolments, check-ins, warm-up included) should produce one reply.
            ConnectorReplies = peers.Replies - repliesBefore,
            TurnsSent = manager.Sent + enroll.Sent + checkIn.Sent,
            OutboundTokenRequests = peers.TokenRequests - tokensBefore,
            HostWarnings = host.Warnings,
            DatabaseMb = Math.Round(SizeOf(database) / 1024.0 / 1024.0, 1),
            LoadAverageStart = loadStart,
            LoadAverageEnd = LoadAverage(),
            SampleReply = peers.SampleReply,
        };
    }

    private Dictionary<string, string> HostEnvironment(string folder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Storage__Sqlite__Path"] = Path.Combine(folder, "salesbot.db"),
        ["Scheduling__Enabled"] = "false",
        ["Demo__Seed"] = "false",
        ["Playground__Enabled"] = "false",
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "bench-secret",
        ["MicrosoftAppTenantId"] = AppTenantId,
        ["Teams__OpenIdMetadataUrl"] = peers.BotFrameworkMetadata.ToString(),
        ["Teams__EntraOpenIdMetadataUrl"] = peers.EntraMetadata.ToString(),
        // MSAL only takes an https authority: the local token endpoint is TLS with a certificate trusted below.
        ["Teams__AuthorityHost"] = peers.HttpsBase.ToString(),
        // An http service URL gets the bot's token only on loopback and only when its host is listed.
        ["Teams__TrustedServiceUrlHosts__0"] = "127.0.0.1",
        ["SSL_CERT_FILE"] = certificatePem,
    };

    /// <summary>1-minute load average (Linux); 0 where there is no /proc.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : 0;

    private static long SizeOf(string database) =>
        new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}
