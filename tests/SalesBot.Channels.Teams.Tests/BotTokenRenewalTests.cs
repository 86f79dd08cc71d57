using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Teams.Auth;

namespace SalesBot.Channels.Teams.Tests;

public sealed class BotTokenRenewalTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
    private int _issued;

    [Fact]
    public async Task The_bot_token_is_reused_until_five_minutes_before_it_expires_then_renewed()
    {
        var tokens = new MsalBotTokenProvider(Issue, _time);

        var first = await tokens.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await tokens.GetTokenAsync(default);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await tokens.GetTokenAsync(default);

        Assert.Equal(("token-1", "token-1", "token-2"), (first, stillFirst, renewed));
        Assert.Equal(2, _issued);
    }

    /// <summary>Like Entra: a new token, valid for an hour from now.</summary>
    private Task<(string Token, DateTimeOffset ExpiresOn)> Issue(CancellationToken cancellationToken) =>
        Task.FromResult(($"token-{++_issued}", _time.GetUtcNow() + TimeSpan.FromHours(1)));
}
