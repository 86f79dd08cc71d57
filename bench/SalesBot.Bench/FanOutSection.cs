using System.Globalization;
using System.Text;

namespace SalesBot.Bench;

/// <summary>The fan-out run as a report section.</summary>
internal static class FanOutSection
{
    public static ReportSection Of(FanOutResult f)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"{f.Members:N0} Teams reps in {f.Tenants} tenants of {f.Members / f.Tenants:N0}, spread over {f.Zones.Count} zones ({string.Join(", ", f.Zones)}), each with their own check-in time at the local time of one instant, " +
            $"sent by SalesBot on SQLite with its scheduler on to a local connector that holds it to Teams' limits (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; 50/1 s per tenant) " +
            $"and also answers {f.InjectedShare:0%} of the sends within them with 429 + `Retry-After: 1`. " +
            $"Floor: the largest tenant's members / 50 a second = **{f.FloorSeconds:0.0} s**. Delivered: from the due instant to the last check-in prompt answered 200.");
        s.AppendLine();
        s.AppendLine("| floor s | delivered s | delivered / floor | first prompt s | prompts delivered | duplicates | losses | 429 over a limit | 429 unprovoked | other sends | Host warnings |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"| {f.FloorSeconds:0.0} | {f.DeliveredSeconds:0.0} | **{f.Ratio:0.000}** | {f.FirstPromptSeconds:0.00} | {f.Delivered:N0} | {f.Duplicates} | {f.Losses} | {f.OverLimit429:N0} | {f.Injected429:N0} | {f.OtherSends} | {f.HostWarnings} |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Last prompt per tenant (s after the due instant): {string.Join(", ", f.DeliveredSecondsByTenant.Select(p => $"{p.Key[..16]} {p.Value:0.0}"))}. " +
            $"Pace between the 10th and 90th percentile of deliveries: {f.SteadyPerSecond:0} prompts/s (the limits allow {f.Tenants * 50}). " +
            $"Seeding the store took {f.SeedSeconds:0.0} s; the Host was up {f.HostReadyBeforeDueSeconds:0.0} s before the due instant; the section took {f.Seconds:0} s. " +
            $"Host warnings include one line per 429 the connector answered.");
        return new ReportSection("Fan-out", s.ToString(), f);
    }
}
