using System.Globalization;

namespace SalesBot.Bench;

/// <summary>What one target's run measured.</summary>
internal sealed record RunResult
{
    public required string Target { get; init; }
    public required TargetKind Kind { get; init; }
    public required string Label { get; init; }
    public required int Round { get; init; }

    /// <summary>SalesBot only: each rep's first message (which enrols them), a write-heavy mix of its own.</summary>
    public PhaseResult? Enroll { get; init; }
    public required PhaseResult CheckIn { get; init; }

    /// <summary>CPU the process used in the check-in phase (warm-up included) over the turns it answered then.</summary>
    public required double CpuMsPerTurn { get; init; }

    /// <summary>SalesBot only: managed memory allocated in the check-in phase over its turns (from <c>/admin/runtime</c>).</summary>
    public double? AllocatedKbPerTurn { get; init; }
    public required double PeakWorkingSetMb { get; init; }
    public required long ConnectorReplies { get; init; }

    /// <summary>Turns sent that should each have produced one reply (zero for the bare Kestrel reference).</summary>
    public required long RepliesExpected { get; init; }

    public double RepliesPerTurn => RepliesExpected == 0 ? 1 : Math.Round((double)ConnectorReplies / RepliesExpected, 3);
    public required int HostWarnings { get; init; }
    public required double LoadAverageStart { get; init; }
    public required double LoadAverageEnd { get; init; }

    /// <summary>What the bot answered to one of the check-ins, to show the turns did what they should.</summary>
    public string? SampleReply { get; init; }

    public long Errors => CheckIn.Errors + (Enroll?.Errors ?? 0);

    public bool Passed(double maxErrorRate) =>
        CheckIn.ErrorRate <= maxErrorRate && (Enroll?.ErrorRate ?? 0) <= maxErrorRate && RepliesPerTurn >= 0.99;
}

/// <summary>
/// One round for one target: start it (fresh store), enrol the reps when it is SalesBot (its first
/// message from a rep creates the member), then the timed check-in load, then read CPU and memory and stop it.
/// The references get the very same check-in activities and token.
/// </summary>
internal sealed class TurnRun(BenchOptions options, LocalPeers peers, string token, string certificatePem)
{
    public async Task<RunResult> RunAsync(Target target, int round, int users)
    {
        var folder = Path.Combine(options.WorkDirectory, $"{target.Name}-{round}");
        Directory.CreateDirectory(folder);
        var loadStart = LoadAverage();
        var repliesBefore = peers.Replies;
        await using var process = await HostProcess.StartAsync(target.Dll, HostEnvironment.For(target, folder, peers, certificatePem, options.CosmosEndpoint),
            Path.Combine(folder, "host.log"), target.Arguments);
        using var http = LoadClient(options.Connections);
        var load = new LoadGenerator(http, new Uri(process.BaseUrl, "api/messages"), token);
        var turns = new TeamsTurns(peers.ServiceUrl, HostEnvironment.AppId, users, $"{target.Name[0]}{round}", DateTimeOffset.UtcNow);

        long sent = 0;
        PhaseResult? enroll = null;
        if (target.IsSalesBot)
        {
            var manager = await load.RunAsync("manager", seq => seq == 0 ? turns.Manager() : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1);
            if (manager.Errors > 0 || manager.Requests != 1)
            {
                throw new InvalidOperationException($"{target.Name}: the first turn failed ({string.Join(", ", manager.Statuses.Select(s => $"{s.Key}×{s.Value}"))}); see {folder}/host.log.");
            }

            enroll = await load.RunAsync("enroll", turns.Enroll, options.Connections, TimeSpan.Zero, options.EnrollCap, users);
            sent = manager.Sent + enroll.Sent;
        }

        var cpuBefore = process.CpuTime();
        var allocatedBefore = target.IsSalesBot ? (await AdminRuntime.ReadAsync(process)).TotalAllocatedBytes : 0;
        var checkIn = await load.RunAsync("check-in", turns.CheckIn, options.Connections, options.Warmup, options.Duration, options.MaxRequestsPerPhase);
        var cpu = process.CpuTime() - cpuBefore;
        var allocated = target.IsSalesBot ? (await AdminRuntime.ReadAsync(process)).TotalAllocatedBytes - allocatedBefore : 0;
        sent += checkIn.Sent;
        return new RunResult
        {
            Target = target.Name,
            Kind = target.Kind,
            Label = target.Label,
            Round = round,
            Enroll = enroll,
            CheckIn = checkIn,
            CpuMsPerTurn = checkIn.Sent == 0 ? 0 : Math.Round(cpu.TotalMilliseconds / checkIn.Sent, 3),
            AllocatedKbPerTurn = target.IsSalesBot && checkIn.Sent > 0 ? Math.Round(allocated / 1024.0 / checkIn.Sent, 1) : null,
            PeakWorkingSetMb = Math.Round(process.PeakWorkingSetBytes() / 1024.0 / 1024.0, 1),
            ConnectorReplies = peers.Replies - repliesBefore,
            RepliesExpected = target.Replies ? sent : 0,
            HostWarnings = process.Warnings,
            LoadAverageStart = loadStart,
            LoadAverageEnd = LoadAverage(),
            SampleReply = target.IsSalesBot ? peers.SampleReply : null,
        };
    }

    /// <summary>One keep-alive connection per worker; a fresh client per run so no run inherits another's pool.</summary>
    public static HttpClient LoadClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>1-minute load average (Linux); 0 where there is no /proc.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : 0;
}
