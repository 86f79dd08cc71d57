namespace SalesBot.Core.Organization;

/// <summary>
/// A sales team. Its default time zone is used for members whose own zone is unknown, and its
/// channel (Teams channel or Slack channel) is where win posts go.
/// </summary>
public sealed record Team(string Id, string OrganizationId, string Name, string DefaultTimeZone);
