using System.Text.Json;

namespace SalesBot.Channels.Teams.Activities;

/// <summary>Teams-specific reading of an activity: tenant, team, channel, time zone.</summary>
public static class TeamsActivity
{
    public const string TenantIdProperty = "tenantId";
    public const string AadObjectIdProperty = "aadObjectId";
    public const string TeamIdProperty = "teamId";
    public const string TeamsChannelIdProperty = "teamsChannelId";
    public const string ChannelIdProperty = "channelId";

    /// <summary>The tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>, else <c>local</c> (Emulator).</summary>
    public static string TenantOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return ChannelDataString(activity, "tenant", "id")
               ?? (activity.Conversation?.TenantId is { Length: > 0 } t ? t : "local");
    }

    /// <summary>Why the activity's two tenant ids (<c>channelData.tenant.id</c>, <c>conversation.tenantId</c>) disagree, or null.</summary>
    public static string? TenantConflict(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return ChannelDataString(activity, "tenant", "id") is { } fromChannelData
               && activity.Conversation?.TenantId is { Length: > 0 } fromConversation
               && !string.Equals(fromChannelData, fromConversation, StringComparison.OrdinalIgnoreCase)
            ? "The activity names two different tenants (channelData.tenant.id and conversation.tenantId)."
            : null;
    }

    /// <summary>
    /// The activity's id made unique across tenants and conversations: Teams message ids are timestamps,
    /// unique only within one conversation, so two chats can send the same one. A redelivery keeps all three.
    /// Hashed to stay short, since it becomes part of document ids.
    /// </summary>
    public static string? EventIdOf(Activity activity, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Id is not { Length: > 0 } id)
        {
            return null;
        }

        var scope = System.Text.Encoding.UTF8.GetBytes(tenantId + "\n" + activity.Conversation?.Id);
        return $"{id}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scope))[..16]}";
    }

    public static string? TeamIdOf(Activity activity) => ChannelDataString(activity, "team", "id");

    public static string? TeamNameOf(Activity activity) => ChannelDataString(activity, "team", "name");

    /// <summary>
    /// The channel itself, without the thread: Teams gives channel messages a conversation id ending in
    /// <c>;messageid=…</c> (the thread); posts for the team go to the channel.
    /// </summary>
    public static string? ChannelRootOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ChannelDataString(activity, "channel", "id") is { } channel)
        {
            return channel;
        }

        var id = activity.Conversation?.Id;
        var cut = id?.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return cut > 0 ? id![..cut] : id;
    }

    /// <summary>The sender's IANA time zone: <c>localTimezone</c>, else the <c>clientInfo</c> entity's <c>timezone</c>.</summary>
    public static string? TimeZoneOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.IsNullOrWhiteSpace(activity.LocalTimezone))
        {
            return activity.LocalTimezone;
        }

        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.ValueKind == JsonValueKind.Object &&
                entity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "clientInfo" &&
                entity.TryGetProperty("timezone", out var tz) && tz.ValueKind == JsonValueKind.String && tz.GetString() is { Length: > 0 } zone)
            {
                return zone;
            }
        }

        return null;
    }

    /// <summary>What is stored with the conversation reference to reach this conversation later.</summary>
    public static IReadOnlyDictionary<string, string> PropertiesOf(Activity activity, string tenantId)
    {
        var properties = new Dictionary<string, string>(ActivityMapper.PropertiesOf(activity), StringComparer.Ordinal)
        {
            [TenantIdProperty] = tenantId,
        };
        if (activity.ChannelId is { Length: > 0 } channelId)
        {
            properties[ChannelIdProperty] = channelId;
        }

        if (activity.From?.AadObjectId is { Length: > 0 } aad)
        {
            properties[AadObjectIdProperty] = aad;
        }

        if (TeamIdOf(activity) is { } team)
        {
            properties[TeamIdProperty] = team;
        }

        if (ChannelDataString(activity, "channel", "id") is { } teamsChannel)
        {
            properties[TeamsChannelIdProperty] = teamsChannel;
        }

        return properties;
    }

    private static string? ChannelDataString(Activity activity, string objectName, string property)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelData is { ValueKind: JsonValueKind.Object } data &&
               data.TryGetProperty(objectName, out var obj) && obj.ValueKind == JsonValueKind.Object &&
               obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String &&
               value.GetString() is { Length: > 0 } s
            ? s
            : null;
    }
}
