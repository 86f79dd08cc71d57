using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Right before a detected-win post goes out, it is rebuilt from the day's check-in as it stands: a
/// corrected "33 calls" shows 32, and a win the correction took away is withdrawn, never posted.
/// </summary>
public sealed class DetectedWinCheck(IMemberStore members, IOrganizationStore organizations, ICheckInStore checkIns) : IDeliveryCheck
{
    public async Task<DeliveryDecision> DecideAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.RecipientKind != RecipientKind.Team || DetectedWins.ParsePostKey(message.Key) is not { } post
            || await members.GetAsync(message.RecipientId, post.MemberId, cancellationToken) is not { } member
            || await organizations.GetTeamAsync(message.RecipientId, cancellationToken) is not { } team)
        {
            return DeliveryDecision.Send;
        }

        var name = member.Value.DisplayName;
        if (await checkIns.GetAsync(post.MemberId, post.Day, cancellationToken) is not { } checkIn)
        {
            return DeliveryDecision.Withdraw($"{name}'s check-in for {Dates.ToIso(post.Day)} is no longer there.");
        }

        var history = await checkIns.ListForMemberAsync(post.MemberId, post.Day.PlusDays(-DetectedWins.HistoryDays), post.Day, cancellationToken);
        var outcome = CheckInOutcome.Evaluate(checkIn.Value, checkIn.Value.MetricsOr(member.Value.MetricsOn(post.Day)), history.OrderBy(c => c.ReportDate).ToList(), new MemberCalendar(member.Value, team.Value));
        var win = DetectedWins.From(member.Value, checkIn.Value, outcome).FirstOrDefault(w => $"win:{w.Id}" == message.Key);
        return win is null
            ? DeliveryDecision.Withdraw($"{name} corrected the check-in for {Dates.ToIso(post.Day)}, and it no longer earns this win.")
            : DeliveryDecision.SendAs(WinPosts.Post(win, member.Value));
    }
}
