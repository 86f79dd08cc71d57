using System.Diagnostics;
using NodaTime;

namespace SalesBot.Bench;

/// <summary>What the fan-out run measured; times in seconds from the due instant.</summary>
internal sealed record FanOutResult(
    int Tenants,
    int Members,
    IReadOnlyList<string> Zones,
    double FloorSeconds,
    double DeliveredSeconds,
    double FirstPromptSeconds,
    double Ratio,
    long Delivered,
    long Duplicates,
    long Losses,
    long OverLimit429,
    long Injected429,
    long OtherSends,
    double InjectedShare,
    double HostReadyBeforeDueSeconds,
    double SeedSeconds,
    int HostWarnings,
    double Seconds,
    IReadOnlyDictionary<string, double> DeliveredSecondsByTenant,
    double SteadyPerSecond);

/// <summary>
/// 10,000 Teams reps in several tenants and zones, all due for their check-in prompt at one instant, sent
/// by the real Host (scheduler and outbox on) to <see cref="FanOutConnector"/>, which holds it to Teams'
/// limits. The members are written through the product's store before the Host starts (see
/// <see cref="FanOutSeed"/>); the due instant is a few seconds after the Host is up.
/// </summary>
internal sealed class FanOutRun(BenchOptions options, LocalPeers peers, string certificatePem)
{
    /// <summary>Seeded, so which sends get an unprovoked 429 is the same every run.</summary>
    private const int Seed = 12;

    public async Task<FanOutResult> RunAsync(Target target)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(options.WorkDirectory, "fanout");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        // Whole seconds: the members' check-in times are local times of this instant.
        var now = SystemClock.Instance.GetCurrentInstant();
        var due = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + (long)options.FanOutLead.TotalSeconds);
        var plan = FanOutPlan.Create(options.FanOutTenants, options.FanOutMembers, due);
        await using var connector = await FanOutConnector.StartAsync(plan.Members.ToDictionary(m => m.ConversationId, m => m.TenantId), Seed, options.FanOutInjected429);

        var environment = HostEnvironment.For(target, folder, peers, certificatePem, null, scheduling: true);
        var seeding = Stopwatch.StartNew();
        await FanOutSeed.WriteAsync(environment["Storage__Sqlite__Path"], plan, connector.ServiceUrl, HostEnvironment.AppId, CancellationToken.None);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        await using var host = await HostProcess.StartAsync(target.Dll, environment, Path.Combine(folder, "host.log"), target.Arguments);
        var dueAt = due.ToDateTimeOffset();
        var readyBeforeDue = (dueAt - DateTimeOffset.UtcNow).TotalSeconds;
        if (readyBeforeDue < 0)
        {
            Console.WriteLine($"fan-out: the Host was up {-readyBeforeDue:0.0} s after the due instant; raise --fanout-lead");
        }

        // Until every member has their prompt (and a moment more, for any duplicate), or the deadline.
        var deadline = dueAt + TimeSpan.FromSeconds((plan.FloorSeconds * 2) + 30);
        FanOutCounts counts;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            counts = connector.Counts();
            if (counts.Losses == 0 || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        counts = connector.Counts();
        await File.WriteAllLinesAsync(Path.Combine(folder, "tail.txt"), [$"due {dueAt:HH:mm:ss.fff}", .. connector.Tail(40)]);
        // Nothing delivered: the whole wait, so the figure is a (failing) number rather than NaN.
        var delivered = counts.Delivered == 0 ? (DateTimeOffset.UtcNow - dueAt).TotalSeconds : (counts.LastPrompt - dueAt).TotalSeconds;
        return new FanOutResult(
            plan.Tenants.Count,
            plan.Members.Count,
            plan.Zones,
            plan.FloorSeconds,
            Math.Round(delivered, 2),
            counts.Delivered == 0 ? 0 : Math.Round((counts.FirstPrompt - dueAt).TotalSeconds, 2),
            Math.Round(delivered / plan.FloorSeconds, 3),
            counts.Delivered,
            counts.Duplicates,
            counts.Losses,
            counts.OverLimit,
            counts.Injected,
            counts.OtherSends,
            connector.InjectedShare,
            Math.Round(readyBeforeDue, 1),
            Math.Round(seedSeconds, 1),
            host.Warnings,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            counts.LastPromptByTenant.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Math.Round((p.Value - dueAt).TotalSeconds, 2)),
            counts.SteadyPerSecond);
    }
}
