using System.Text.RegularExpressions;
using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The wins a check-in earns by itself (every target hit, a personal best, a streak milestone), worked
/// out in one place: when the check-in is saved, and again right before the post goes out, so the post
/// shows the day's final numbers after a correction.
/// </summary>
public static partial class DetectedWins
{
    /// <summary>
    /// Posts about the day's numbers wait this long after the check-in, so a quick correction
    /// ("calls 32", not 33) is what the team sees.
    /// </summary>
    public static readonly Duration SettleTime = Duration.FromMinutes(30);

    /// <summary>How far back personal bests and streaks look.</summary>
    public const int HistoryDays = 180;

    private const string Prefix = "detected:";

    public static IReadOnlyList<Win> From(Member member, CheckIn checkIn, CheckInOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(outcome);
        var day = Dates.Display(checkIn.ReportDate);
        var idPrefix = $"{Prefix}{member.Id}:{Dates.ToIso(checkIn.ReportDate)}";
        var detected = new List<(string Id, WinKind Kind, string Text)>();
        if (outcome.AllTargetsMet)
        {
            detected.Add(($"{idPrefix}:target", WinKind.TargetHit, $"Hit every lead-metric target on {day}: " +
                string.Join(", ", outcome.Results.Select(r => r.Metric.CountOf(r.Value))) + "."));
        }

        detected.AddRange(outcome.PersonalBests.Select(b =>
            ($"{idPrefix}:best:{b.Metric.Key}", WinKind.PersonalBest, $"New personal best: {b.Metric.CountOf(b.Value)} on {day}.")));

        if (Streak.IsMilestone(outcome.Streak))
        {
            detected.Add(($"{idPrefix}:streak", WinKind.Streak, $"{outcome.Streak} working days of check-ins in a row."));
        }

        return detected
            .Select(d => new Win { Id = d.Id, MemberId = member.Id, TeamId = member.TeamId, Kind = d.Kind, Text = d.Text, At = checkIn.SubmittedAt })
            .ToList();
    }

    /// <summary>
    /// The month's first deal-closed win, in the rep's own zone, earns a post of its own. One id per
    /// member and month, so it is posted once, whichever deal turns out to be first.
    /// </summary>
    public static Win FirstDealOfMonth(Member member, Win deal, YearMonth month)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(deal);
        var what = WinPosts.Sentence(deal, member.Quota?.Currency) ?? deal.Text;
        return new Win
        {
            Id = $"{Prefix}{member.Id}:{month.Year:D4}-{month.Month:D2}:first-deal",
            MemberId = member.Id,
            TeamId = member.TeamId,
            Kind = WinKind.FirstDealOfMonth,
            Text = $"First deal of {ReflectionFlow.MonthName(month)}: {what}.",
            At = deal.At,
            Account = deal.Account,
            Amount = deal.Amount,
        };
    }

    /// <summary>Whether a win's numbers can still change: a streak milestone is about the day, not its numbers.</summary>
    public static bool DependsOnNumbers(Win win) => win?.Kind is WinKind.TargetHit or WinKind.PersonalBest;

    /// <summary>Reads "win:detected:{member}:{yyyy-MM-dd}:{kind}" back into the member and report day, or null.</summary>
    public static (string MemberId, LocalDate Day)? ParsePostKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Member ids may hold ':' (Teams' "29:…"), so the day is found from the end, before the kind.
        var match = PostKey().Match(key);
        return match.Success && Dates.ParseIso(match.Groups["day"].Value) is { } day ? (match.Groups["member"].Value, day) : null;
    }

    [GeneratedRegex(@"^win:detected:(?<member>.+):(?<day>\d{4}-\d{2}-\d{2}):(?:target|streak|best:[^:]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PostKey();
}
