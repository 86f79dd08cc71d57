using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SalesBot.Channels.Slack.WebApi;

namespace SalesBot.Channels.Slack.Members;

/// <summary>
/// Members' Slack profiles (IANA time zone, display name) from <c>users.info</c>, looked up on first
/// contact and kept for a day. A failed lookup is not fatal: the member keeps their team's zone.
/// </summary>
public sealed partial class SlackProfiles(SlackApiClient api, TimeProvider time, ILogger<SlackProfiles> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, (SlackUser User, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<SlackUser?> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var key = $"{teamId}|{userId}";
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.User;
        }

        try
        {
            var user = await api.GetUserAsync(teamId, userId, cancellationToken);
            _cache[key] = (user, now + KeepFor);
            return user;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogLookupFailed(logger, userId, teamId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Could not look up Slack user {UserId} in team {TeamId}: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string teamId, string reason);
}
