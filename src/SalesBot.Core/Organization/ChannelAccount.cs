namespace SalesBot.Core.Organization;

/// <summary>
/// How a member is known in one chat channel: Teams user id within a tenant, Slack user id within
/// a workspace, or the playground's user id.
/// </summary>
public sealed record ChannelAccount(string Channel, string TenantId, string UserId)
{
    public string Key => $"{Channel}|{TenantId}|{UserId}";
}
