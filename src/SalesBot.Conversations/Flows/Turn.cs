using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// One inbound event with the member who sent it and their team, resolved. Flows stage what they
/// write in <see cref="Changes"/>; the engine commits it once, when the turn is done.
/// </summary>
public sealed record Turn(InboundEvent Inbound, Member Member, Team Team)
{
    public ChangeSet Changes { get; init; } = new();

    public NodaTime.DateTimeZone Zone => Member.TimeZone;

    /// <summary>The member's working days, hours, holidays and time away.</summary>
    public Core.Schedules.MemberCalendar Calendar => new(Member, Team);
}
