using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A rep's monthly quota against their deal-closed wins of that month, in their own time zone: one
/// read of the month's wins, and none at all for a rep without a quota.
/// </summary>
public sealed class QuotaProgress(IWinStore wins)
{
    public async Task<LagOutcome?> ForMonthAsync(Member member, YearMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Quota is not { IsEmpty: false } quota)
        {
            return null;
        }

        var (from, to) = LagOutcome.Span(month, member.TimeZone);
        var monthWins = await wins.ListForMemberAsync(member.Id, from, to, cancellationToken);
        return LagOutcome.For(member.Id, month, member.TimeZone, quota, monthWins);
    }

    /// <summary>"December 2026 quota: 2 of 5 deals (40%)".</summary>
    public static string Line(LagOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return $"{ReflectionFlow.MonthName(outcome.Month)} quota: {outcome.Progress()}";
    }

    /// <summary>The message with the quota line added under it; unchanged when there is no quota.</summary>
    public static Messages.OutboundMessage AddTo(Messages.OutboundMessage message, LagOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(message);
        return outcome is null ? message : message with { Blocks = [.. message.Blocks, new Messages.Paragraph($"🎯 {Line(outcome)}")] };
    }
}
