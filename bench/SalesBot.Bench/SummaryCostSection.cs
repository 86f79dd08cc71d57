using System.Globalization;
using System.Text;

namespace SalesBot.Bench;

/// <summary>The summary-cost run as a report section: a month beside a year of history, per store.</summary>
internal static class SummaryCostSection
{
    public const string Title = "Summary cost: `status month` for a team of 50";

    public static ReportSection Of(SummaryCostResult r)
    {
        var s = new StringBuilder();
        var seeded = string.Join("; ", r.Seeded.Select(h => F($"{h.Store} {h.Months} mo: {h.CheckIns:N0} check-ins, {h.Wins:N0} wins, {h.Blockers:N0} blockers ({h.Seconds:0.0} s)")));
        s.AppendLine(F($"A team of {SummaryTurns.Reps} reps and {r.Managers} managers joined through the Host (each one's first message); then one month or twelve months of history were written with the product's own store code ") +
            "(check-ins validated by `CheckInRules`, the wins `DetectedWins` finds, and about one logged win in four days), " +
            F($"and a fresh Host answered `status month` from the managers in turn through `POST /api/messages` (auth on, replies to the local connector). Several managers, because Teams allows 60 sends per 30 s into one conversation. ") +
            F($"History (SQLite: every check-in and win through `SqliteStoreWriter`; Cosmos: the month rollups of the same days and wins, built by `MonthRollup.Build`): {seeded}. ") +
            F($"Run time {r.Seconds:0} s, errors {r.Errors}, replies/turn {r.RepliesPerTurn:0.000}, load average {r.LoadAverageStart:0.0}→{r.LoadAverageEnd:0.0} on {Environment.ProcessorCount} cores."));
        s.AppendLine();
        s.AppendLine("| store | history | connections | turns/s | p50 ms | p95 ms | p99 ms | max ms | turns |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in r.Latency)
        {
            var p = l.Phase;
            s.AppendLine(F($"| {l.Store} | {l.Months} mo | {l.Connections} | {p.TurnsPerSecond:0.0} | {p.P50Ms:0.00} | {p.P95Ms:0.00} | {p.P99Ms:0.00} | {p.MaxMs:0.0} | {p.Requests} |"));
        }

        s.AppendLine();
        foreach (var connections in r.Latency.Where(l => l.Store == "SQLite").Select(l => l.Connections).Distinct())
        {
            if (r.Sqlite(1, connections) is { } month && r.Sqlite(12, connections) is { } year)
            {
                s.AppendLine(F($"- SQLite, {connections} connection(s), year / month: p50 **{Ratio(year.Phase.P50Ms, month.Phase.P50Ms):0.00}**, p99 **{Ratio(year.Phase.P99Ms, month.Phase.P99Ms):0.00}**, turns/s {Ratio(year.Phase.TurnsPerSecond, month.Phase.TurnsPerSecond):0.00}."));
            }
        }

        foreach (var reply in r.Replies)
        {
            s.AppendLine(F($"- A sampled reply lists {reply.RepsListed} of {SummaryTurns.Reps} reps{(reply.HasChart ? F($", with the team chart (fetched from the Host: {reply.ChartBytes / 1024.0:0} KB PNG, drawn in {reply.ChartDrawMs:0.0} ms)") : ", **without a chart**")}: \"{Shorten(reply.Text)}\""));
        }

        if (r.Cosmos.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("Cosmos DB: every request the Host's Cosmos client sent during single `status month` turns (one at a time, 5 each), seen by a counting HTTPS proxy in front of the test server, " +
                         "named as the store's `CosmosRequestClassifier` names them (SDK metadata requests left out). The test server answers every request with a charge of 1, so RU are estimated from the published figures " +
                         "(point read of 1 KB = 1 RU, 100 KB = 10 RU; a 1 KB write ≈ 5.5 RU; queries \"a variable number of RUs\": 2.5 RU + 1 RU per KB returned, as in `src/SalesBot.Storage.Cosmos/README.md`; " +
                         "learn.microsoft.com/azure/cosmos-db/request-units and …/optimize-cost-reads-writes).");
            s.AppendLine();
            s.AppendLine("| history | operations / turn | by kind and container (a typical turn) | KB returned | ≈ RU (estimate) | test server's charge |");
            s.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: |");
            foreach (var c in r.Cosmos)
            {
                var range = c.OperationsMin == c.OperationsMax ? c.OperationsMin.ToString(CultureInfo.InvariantCulture) : F($"{c.OperationsMin}–{c.OperationsMax}");
                s.AppendLine(F($"| {c.Months} mo | {range} | {string.Join(", ", c.ByKind.Select(k => $"{k.Value} {k.Key}"))} | {c.KbReturned:0.0} | {c.EstimatedRu:0} | {c.ServerCharge:0} |"));
            }
        }

        return new ReportSection(Title, s.ToString(), r);
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
