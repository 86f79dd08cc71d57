using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Where each document lives: its id and partition key, derived from the domain key alone, so
/// every read is a point read and a replayed write lands on the same item.
/// </summary>
public static class CosmosKeys
{
    // directory: an organization alone; a team with its members (one partition = one roster).
    public static string OrganizationPk(string organizationId) => CosmosIds.Of("org", organizationId);

    public static string TeamPk(string teamId) => CosmosIds.Of("team", teamId);

    public static string TeamId(string teamId) => CosmosIds.Of("team", teamId);

    /// <summary>A team's copy in its organization's partition, so an organization's teams are one query.</summary>
    public static string TeamRefId(string teamId) => CosmosIds.Of("teamref", teamId);

    public static string MemberId(string memberId) => CosmosIds.Of("member", memberId);

    // lookups: partition = id, found by the natural key.
    public static string WorkspaceLookup(Workspace workspace) => CosmosIds.Of("workspace", workspace.Channel, workspace.TenantId);

    public static string AccountLookup(ChannelAccount account) => CosmosIds.Of("account", account.Channel, account.TenantId, account.UserId);

    public static string Conversations(RecipientKind kind, string ownerId) => CosmosIds.Of("conversation", kind.ToString(), ownerId);

    public static string Installation(string channel, string workspaceId) => CosmosIds.Of("installation", channel, workspaceId);

    // history: partition = member.
    public static string HistoryPk(string memberId) => CosmosIds.Of("member", memberId);

    public static string CheckInId(LocalDate reportDate) => CosmosIds.Of("checkin", LocalDatePattern.Iso.Format(reportDate));

    public static string WinId(string winId) => CosmosIds.Of("win", winId);

    public static string KudosId(string winId) => CosmosIds.Of("kudos", winId);

    public static string MonthId(YearMonth month) => CosmosIds.Of("month", YearMonthPattern.Iso.Format(month));

    public static string ReflectionId(YearMonth month) => CosmosIds.Of("reflection", YearMonthPattern.Iso.Format(month));

    // outbox: a few shards; the key picks its shard.
    public static string OutboxPk(string key, int shards) => OutboxShardPk(CosmosIds.Shard(key, shards));

    public static string OutboxShardPk(int shard) => CosmosIds.Of("outbox", shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string OutboxId(string key) => CosmosIds.Of("post", key);

    // events: partition = id.
    public static string EventId(string key) => CosmosIds.Of("event", key);

    // schedule: members by zone, and the list of zones in use.
    public static string ZonePk(string timeZoneId) => CosmosIds.Of("zone", timeZoneId);

    public const string ZoneCatalogue = "zones";
}
