using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;

namespace SalesBot.Conversations.Flows;

/// <summary>A check-in prompt is withdrawn when the rep checked in for its day after it was queued.</summary>
public sealed class CheckInPromptCheck(ICheckInStore checkIns) : IDeliveryCheck
{
    public async Task<string?> WithdrawReasonAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (CheckInPrompts.ParseKey(message.Key) is not { } prompt)
        {
            return null;
        }

        var reportDate = WorkWeek.PreviousWorkday(prompt.Day);
        return await checkIns.GetAsync(prompt.MemberId, reportDate, cancellationToken) is null
            ? null
            : $"{prompt.MemberId} checked in for {Dates.ToIso(reportDate)} before the prompt went out.";
    }
}
