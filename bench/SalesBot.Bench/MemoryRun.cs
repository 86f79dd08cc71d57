namespace SalesBot.Bench;

/// <summary>The Host's memory at one moment: resident set, and the managed heap as the GC sees it.</summary>
internal sealed record MemoryPoint(string Moment, long Turns, long Members, double WorkingSetMb, double ManagedHeapMb, int Gen2Collections);

internal sealed record MemoryResult(IReadOnlyList<MemoryPoint> Points, string GcMode, double SecondBatchGrowth, long Errors, double Seconds)
{
    public MemoryPoint? At(string moment) => Points.FirstOrDefault(p => p.Moment == moment);
}

/// <summary>
/// SalesBot on SQLite with the scheduler on, as in production: idle; after 100,000 check-in turns; after a
/// second 100,000 (flat memory means the second batch adds little); then with 100,000 members enrolled,
/// measured in a fresh process on that database so it is what start-up builds for them, not what the load left.
/// </summary>
internal sealed class MemoryRun(BenchOptions options, LocalPeers peers, string token, string certificatePem)
{
    public const string Idle = "idle";
    public const string AfterFirstBatch = "after the first batch of turns";
    public const string AfterSecondBatch = "after the second batch";
    public const string Scheduled = "members scheduled";

    public async Task<MemoryResult> RunAsync(Target target)
    {
        var started = DateTime.UtcNow;
        var folder = Path.Combine(options.WorkDirectory, "memory");
        Directory.CreateDirectory(folder);
        var environment = HostEnvironment.For(target, folder, peers, certificatePem, options.CosmosEndpoint, scheduling: true);
        var points = new List<MemoryPoint>();
        long errors = 0;
        var users = options.Users;
        var turns = new TeamsTurns(peers.ServiceUrl, HostEnvironment.AppId, options.ScheduledMembers, "mem", DateTimeOffset.UtcNow);
        string gcMode;
        await using (var host = await HostProcess.StartAsync(target.Dll, environment, Path.Combine(folder, "host.log"), target.Arguments))
        {
            using var http = TurnRun.LoadClient(options.Connections);
            var load = new LoadGenerator(http, new Uri(host.BaseUrl, "api/messages"), token);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idle = await ReadAsync(host, Idle, 0, 0);
            points.Add(idle.Point);
            gcMode = idle.GcMode;

            errors += (await load.RunAsync("manager", seq => seq == 0 ? turns.Manager() : null, 1, TimeSpan.Zero, TimeSpan.FromSeconds(30), 1)).Errors;
            errors += (await load.RunAsync("enroll", seq => seq < users ? turns.Enroll(seq) : null, options.Connections, TimeSpan.Zero, options.EnrollCap, users)).Errors;
            long done = 0;
            foreach (var moment in new[] { AfterFirstBatch, AfterSecondBatch })
            {
                // Check-ins round-robin over the first `users` reps, continuing where the last batch stopped.
                var offset = done;
                var batch = await load.RunAsync(moment, seq => turns.CheckInAmong(offset + seq, users), options.Connections, TimeSpan.Zero, options.MemoryCap, options.MemoryTurns);
                errors += batch.Errors;
                done += batch.Sent;
                await Task.Delay(TimeSpan.FromSeconds(2));
                points.Add((await ReadAsync(host, moment, done, users)).Point);
            }

            // The rest of the members, up to the scheduled size: each enrols with its first message.
            errors += (await load.RunAsync("enroll rest", seq => users + seq < options.ScheduledMembers ? turns.Enroll(users + seq) : null,
                options.Connections, TimeSpan.Zero, options.EnrollCap * 10, options.ScheduledMembers - users)).Errors;
        }

        await using (var host = await HostProcess.StartAsync(target.Dll, environment, Path.Combine(folder, "host-restarted.log"), target.Arguments))
        {
            // Start-up plans every member's schedule; give it time, then read memory with nothing else going on.
            await Task.Delay(TimeSpan.FromSeconds(10));
            points.Add((await ReadAsync(host, Scheduled, 0, options.ScheduledMembers)).Point);
        }

        var first = points.First(p => p.Moment == AfterFirstBatch);
        var second = points.First(p => p.Moment == AfterSecondBatch);
        return new MemoryResult(points, gcMode, Math.Round((second.WorkingSetMb / first.WorkingSetMb) - 1, 3), errors, Math.Round((DateTime.UtcNow - started).TotalSeconds, 1));
    }

    private static async Task<(MemoryPoint Point, string GcMode)> ReadAsync(HostProcess host, string moment, long turns, long members)
    {
        var runtime = await AdminRuntime.ReadAsync(host);
        return (new MemoryPoint(moment, turns, members, Mb(runtime.WorkingSetBytes), Mb(runtime.ManagedHeapBytes), runtime.Gen2Collections), runtime.GcMode);
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);
}
