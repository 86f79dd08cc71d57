using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Fair recognition, decided right before a team post goes out rather than when it is queued: a post
/// may wait (30 minutes for the numbers to settle, a night or a weekend for quiet hours), so only then
/// is it known which day it lands on, whether it is still wanted, and whether its rep still wants it public.
/// <list type="bullet">
/// <item>Quiet hours: nothing reaches a team channel outside the team's working hours; it waits for the next working morning.</item>
/// <item>Opt-out: a win of a rep with posts off is withdrawn (the win itself stays stored and counts).</item>
/// <item>The cap: past the team's daily cap, a win post is folded into the day's round-up instead of being sent.</item>
/// <item>The round-up: rebuilt from the stored wins when it goes out; withdrawn when nothing is left in it.</item>
/// </list>
/// Registered after <see cref="DetectedWinCheck"/>, so a win a correction took away never uses up a place.
/// </summary>
public sealed class RecognitionCheck(IOrganizationStore organizations, IMemberStore members, WinRoundUp roundUp, IClock clock) : IDeliveryCheck
{
    public async Task<DeliveryDecision> DecideAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.RecipientKind != RecipientKind.Team || await organizations.GetTeamAsync(message.RecipientId, cancellationToken) is not { } stored)
        {
            return DeliveryDecision.Send;
        }

        var hours = new ChannelHours(stored.Value);
        var now = clock.GetCurrentInstant();
        if (!hours.IsOpen(now))
        {
            return DeliveryDecision.Hold(hours.NextOpen(now), $"Quiet hours for {hours.Team.Name}'s channel: held until the team's working hours.");
        }

        if (WinRoundUp.DayOf(message.Key) is { } day)
        {
            return await roundUp.BuildAsync(hours, day, cancellationToken) is { } built
                ? DeliveryDecision.SendAs(built)
                : DeliveryDecision.Withdraw($"Nothing left to round up for {Dates.ToIso(day)}.");
        }

        if (!WinRoundUp.IsWinPost(message))
        {
            return DeliveryDecision.Send;
        }

        var memberId = message.AboutMemberId ?? DetectedWins.ParsePostKey(message.Key)?.MemberId;
        if (memberId is not null && await members.GetAsync(hours.Team.Id, memberId, cancellationToken) is { Value.PostsOff: true } member)
        {
            return DeliveryDecision.Withdraw($"{member.Value.DisplayName} has public posts off: the win is kept, not posted.");
        }

        var today = hours.Today(now);
        if (await roundUp.CountPostedAsync(hours, today, cancellationToken) < hours.Team.Recognition.DailyPostCap)
        {
            return DeliveryDecision.Send;
        }

        var roundUpDay = hours.RoundUpDayFor(now);
        await roundUp.EnsureQueuedAsync(hours, roundUpDay, cancellationToken);
        return DeliveryDecision.Withdraw(WinRoundUp.FoldedInto(roundUpDay));
    }
}
