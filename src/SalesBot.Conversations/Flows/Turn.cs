using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>One inbound event with the member who sent it and their team, resolved.</summary>
public sealed record Turn(InboundEvent Inbound, Member Member, Team Team)
{
    public NodaTime.DateTimeZone Zone => Member.TimeZone;
}
