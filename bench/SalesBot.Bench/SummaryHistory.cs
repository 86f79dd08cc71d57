using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Bench;

/// <summary>What the seeder wrote: per rep, days and wins, and the whole team's.</summary>
internal sealed record SeededHistory(int Months, int Reps, int CheckIns, int Wins, int Blockers, double Seconds)
{
    public string Store { get; init; } = string.Empty;
}

/// <summary>
/// Months of history for a team that joined through the Host, written through the product's own
/// <see cref="IStoreWriter"/> (SQLite or Cosmos), so every check-in and win updates its month rollup
/// exactly as a real turn's commit does. Check-ins are made as the check-in flow makes them
/// (<see cref="CheckInRules.Validate"/> against the rep's metrics, submitted the next working morning),
/// with the wins it detects (<see cref="DetectedWins.From"/>) and about one logged win in four days.
/// The other managers are promoted as a roster import would, and the reps' start dates moved back to
/// the start of their history. Deterministic: the same seed gives the same history.
/// </summary>
internal static class SummaryHistory
{
    private static readonly string[] Accounts = ["Contoso", "Fabrikam", "Northwind", "Adventure Works", "Tailspin", "Litware", "Proseware", "Wingtip"];
    private static readonly string[] Blockers = ["Waiting on legal for the MSA redline", "Pricing approval stuck with finance", "CRM sync is down since Monday"];

    /// <summary>Writes a rep's check-ins and wins (oldest first) through <paramref name="writer"/>, one commit per month.</summary>
    public static async Task ThroughWriterAsync(IStoreWriter writer, IReadOnlyList<CheckIn> checkIns, IReadOnlyList<Win> wins, CancellationToken cancellationToken)
    {
        foreach (var month in checkIns.GroupBy(c => MonthRollup.MonthOf(c.ReportDate)))
        {
            var changes = new ChangeSet();
            foreach (var checkIn in month)
            {
                changes.PutCheckIn(checkIn, Expect.Any);
            }

            foreach (var win in wins.Where(w => MonthRollup.MonthOf(w.At) == month.Key))
            {
                changes.AddWin(win);
            }

            await writer.CommitAsync(changes, cancellationToken);
        }

        var seen = checkIns.Select(c => MonthRollup.MonthOf(c.ReportDate)).ToHashSet();
        var rest = wins.Where(w => !seen.Contains(MonthRollup.MonthOf(w.At))).ToList();
        if (rest.Count > 0)
        {
            await writer.CommitAsync(c => rest.ForEach(w => c.AddWin(w)), cancellationToken);
        }
    }

    public static async Task<SeededHistory> WriteAsync(IStoreWriter writer, IMemberStore members, IOrganizationStore organizations, int months, int parallelism,
        Func<IReadOnlyList<CheckIn>, IReadOnlyList<Win>, CancellationToken, Task> persist, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var founder = await members.FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsTurns.TenantId, SummaryTurns.ManagerId(0)), cancellationToken)
            ?? throw new InvalidOperationException("The summary team's manager did not join through the Host.");
        var team = (await organizations.GetTeamAsync(founder.Value.TeamId, cancellationToken))?.Value
            ?? throw new InvalidOperationException("The summary team is missing.");
        var roster = await members.ListTeamAsync(team.Id, cancellationToken);
        var now = SystemClock.Instance.GetCurrentInstant();
        var reps = roster.Where(m => Account(m).StartsWith("29:summary-rep-", StringComparison.Ordinal)).ToList();
        if (reps.Count != SummaryTurns.Reps)
        {
            throw new InvalidOperationException($"Expected {SummaryTurns.Reps} reps on the summary team, found {reps.Count}.");
        }

        foreach (var manager in roster.Where(m => Account(m).StartsWith("29:summary-manager-", StringComparison.Ordinal) && m.Role != MemberRole.Manager))
        {
            var stored = await members.GetAsync(team.Id, manager.Id, cancellationToken);
            await writer.CommitAsync(c => c.PutMember(manager with { Role = MemberRole.Manager }, Expect.For(stored), manager), cancellationToken);
        }

        var totals = new int[3];
        await Parallel.ForEachAsync(reps, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (rep, ct) =>
        {
            var (checkIns, wins, blockers) = await WriteRepAsync(writer, members, team, rep, months, now, persist, ct);
            Interlocked.Add(ref totals[0], checkIns);
            Interlocked.Add(ref totals[1], wins);
            Interlocked.Add(ref totals[2], blockers);
        });
        return new SeededHistory(months, reps.Count, totals[0], totals[1], totals[2], Math.Round((DateTime.UtcNow - started).TotalSeconds, 1));
    }

    private static async Task<(int CheckIns, int Wins, int Blockers)> WriteRepAsync(IStoreWriter writer, IMemberStore members, Team team, Member joined,
        int months, Instant now, Func<IReadOnlyList<CheckIn>, IReadOnlyList<Win>, CancellationToken, Task> persist, CancellationToken cancellationToken)
    {
        var seed = int.Parse(Account(joined)[^2..], System.Globalization.CultureInfo.InvariantCulture);
        var calendar = new MemberCalendar(joined, team);
        var last = calendar.ReportDateFor(now);
        var first = last.PlusMonths(-months).PlusDays(1);

        // A rep with a year of history started a year ago, on the metrics they report today.
        var stored = await members.GetAsync(team.Id, joined.Id, cancellationToken);
        var rep = joined with { StartDate = first.PlusDays(-1), MetricsFrom = null, EarlierMetrics = [] };
        await writer.CommitAsync(c => c.PutMember(rep, Expect.For(stored), joined), cancellationToken);
        calendar = new MemberCalendar(rep, team);

        var history = new List<CheckIn>();
        var allWins = new List<Win>();
        int blockers = 0, logged = 0;
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            // Each day's choices come from the rep and the day alone, so a month and a year of history end alike.
            var random = new Random((seed * 1_000_003) + (day.Year * 400) + day.DayOfYear);

            // About one working day in twelve without a check-in, so streaks break as they do.
            if (!calendar.IsWorkingDay(day) || random.Next(12) == 0)
            {
                continue;
            }

            var submitted = calendar.At(calendar.NextWorkingDay(day), new LocalTime(9, 0).PlusMinutes(random.Next(5, 90)));
            if (submitted > now)
            {
                submitted = now - Duration.FromMinutes(random.Next(1, 30));
            }

            var metrics = rep.MetricsOn(day);
            var raw = metrics.ToDictionary(m => m.Key, m => (string?)Math.Max(0, m.DailyTarget * random.Next(60, 145) / 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var blocker = random.Next(9) == 0 ? Blockers[random.Next(Blockers.Length)] : null;
            var plan = new[] { $"Follow up with {Accounts[random.Next(Accounts.Length)]}", $"Prep the {Accounts[random.Next(Accounts.Length)]} demo", "Call the new inbound leads" };
            var validation = CheckInRules.Validate(rep.Id, day, metrics, new CheckInDraft(raw, plan, blocker), submitted);
            var checkIn = validation.CheckIn ?? throw new InvalidOperationException("A seeded check-in was refused: " + string.Join("; ", validation.Errors.Values));
            blockers += blocker is null ? 0 : 1;

            var window = history.Where(c => c.ReportDate > day.PlusDays(-DetectedWins.HistoryDays)).Append(checkIn).ToList();
            history.Add(checkIn);
            allWins.AddRange(DetectedWins.From(rep, checkIn, CheckInOutcome.Evaluate(checkIn, checkIn.Metrics, window, calendar)));
            if (random.Next(4) == 0)
            {
                allWins.Add(LoggedWin(rep, team, day, submitted + Duration.FromHours(3), logged++, random));
            }
        }

        await persist(history, allWins, cancellationToken);
        var checkIns = history.Count;
        var wins = allWins.Count;
        return (checkIns, wins, blockers);
    }

    /// <summary>The member's Teams user id (member ids are the store's own).</summary>
    private static string Account(Member member) => member.ChannelAccounts.Count > 0 ? member.ChannelAccounts[0].UserId : string.Empty;

    /// <summary>A win as the win flow stores it: id from the channel and activity, the sentence it understood.</summary>
    private static Win LoggedWin(Member rep, Team team, LocalDate day, Instant at, int n, Random random)
    {
        var account = Accounts[random.Next(Accounts.Length)];
        var (kind, text, from, to, amount) = (n % 3) switch
        {
            0 => (WinKind.MeetingWon, $"booked a meeting with {account}", (string?)null, (string?)null, (decimal?)null),
            1 => (WinKind.StageAdvanced, $"moved {account} from Discovery to Proposal", "Discovery", "Proposal", null),
            _ => (WinKind.DealClosed, $"closed {account} for $12,500", null, null, 12_500m),
        };
        return new Win
        {
            Id = $"msteams:seed-{rep.Id}-{Dates.ToIso(day)}",
            MemberId = rep.Id,
            TeamId = team.Id,
            Kind = kind,
            Text = text,
            At = at,
            Account = account,
            FromStage = from,
            ToStage = to,
            Amount = amount,
        };
    }
}
