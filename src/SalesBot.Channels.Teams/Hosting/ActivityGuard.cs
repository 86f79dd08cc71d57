using SalesBot.Channels.Http.Inbound;

namespace SalesBot.Channels.Teams.Hosting;

/// <summary>
/// Teams' one guard for what an authenticated activity may hold, run by <see cref="TeamsEndpoint"/>
/// before the activity is deserialized: well-formed UTF-8 JSON (no lone surrogates, duplicate keys,
/// control characters or absurd nesting, see <see cref="InboundJson"/>) whose ids (the activity's,
/// its sender's, conversation's, tenant's, team's and channel's) pass <see cref="InboundIds"/>.
/// </summary>
internal static class ActivityGuard
{
    private static readonly HashSet<string> IdKeys = new(StringComparer.Ordinal)
    {
        "id", "replyToId", "tenantId", "aadObjectId", "channelId",
    };

    public static string? Problem(byte[] body) =>
        !InboundJson.IsValidUtf8(body) ? "The activity is not valid UTF-8."
        : InboundJson.Problem(body, IdKeys) is { } problem ? $"The activity was refused: {problem}."
        : null;
}
