using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using SalesBot.Conversations.Caching;
using SalesBot.Channels.Slack.WebApi;

namespace SalesBot.Channels.Slack.Members;

/// <summary>
/// Members' Slack profiles (IANA time zone, display name) from <c>users.info</c>, looked up on first
/// contact and kept for a day, for a bounded number of members. A failed lookup is not fatal: the
/// member keeps their team's zone.
/// </summary>
public sealed partial class SlackProfiles : IDisposable
{
    public const int DefaultMaxEntries = 10_000;
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    private readonly SlackApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackProfiles> _logger;
    private readonly MemoryCache _cache;

    public SlackProfiles(SlackApiClient api, TimeProvider time, ILogger<SlackProfiles> logger)
        : this(api, time, logger, DefaultMaxEntries)
    {
    }

    internal SlackProfiles(SlackApiClient api, TimeProvider time, ILogger<SlackProfiles> logger, int maxEntries)
    {
        _api = api;
        _time = time;
        _logger = logger;
        _cache = BoundedCache.Create(time, maxEntries);
    }

    internal int Count => _cache.Count;

    public async Task<SlackUser?> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var key = $"{teamId}|{userId}";
        if (_cache.TryGetValue(key, out SlackUser? cached) && cached is not null)
        {
            return cached;
        }

        try
        {
            var user = await _api.GetUserAsync(teamId, userId, cancellationToken);
            _cache.Set(key, user, BoundedCache.Until(_time.GetUtcNow() + KeepFor));
            return user;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogLookupFailed(_logger, userId, teamId, ex.Message);
            return null;
        }
    }

    public void Dispose() => _cache.Dispose();

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Could not look up Slack user {UserId} in team {TeamId}: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string teamId, string reason);
}
