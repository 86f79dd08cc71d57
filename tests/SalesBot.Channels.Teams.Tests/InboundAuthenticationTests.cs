using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Teams.Tests;

public sealed class InboundAuthenticationTests : IAsyncLifetime
{
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> SpoiledTokens() =>
    [
        "bad signature",
        "wrong issuer",
        "wrong audience",
        "expired",
        "not yet valid",
        "service url mismatch",
        "no service url claim",
        "unknown key id",
        "key not endorsed for msteams",
        "HS256 algorithm",
        "garbage",
    ];

    [Theory]
    [MemberData(nameof(SpoiledTokens))]
    public async Task A_spoiled_token_is_refused_with_401_and_nothing_happens(string spoil)
    {
        var now = _bot.Time.GetUtcNow();
        var token = spoil switch
        {
            "bad signature" => _bot.ValidToken(t => t with { SignWithRogueKey = true }),
            "wrong issuer" => _bot.ValidToken(t => t with { Issuer = "https://evil.example.com" }),
            "wrong audience" => _bot.ValidToken(t => t with { Audience = "another-bot" }),
            "expired" => _bot.ValidToken(t => t with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) }),
            "not yet valid" => _bot.ValidToken(t => t with { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) }),
            "service url mismatch" => _bot.ValidToken(t => t with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
            "no service url claim" => _bot.ValidToken(t => t with { ServiceUrl = null }),
            "unknown key id" => _bot.ValidToken(t => t with { KeyId = "never-published" }),
            "key not endorsed for msteams" => _bot.ValidToken(t => t with { KeyId = LocalIssuer.WebChatOnlyKey }),
            "HS256 algorithm" => HmacToken(),
            _ => "not.a.jwt",
        };

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("check in"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        var response = await _bot.PostRawAsync(_bot.Activities.PersonalMessage("check in").ToJsonString(), token: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_request_with_a_basic_authorization_header_is_refused_with_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(_bot.Activities.PersonalMessage("help").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        var response = await _bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_token_within_the_five_minute_clock_skew_is_accepted()
    {
        var now = _bot.Time.GetUtcNow();
        var token = _bot.ValidToken(t => t with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-4) });

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_service_url_claim_is_compared_without_case()
    {
        var token = _bot.ValidToken(t => t with { ServiceUrl = t.ServiceUrl!.ToUpperInvariant() });

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_entra_issued_token_from_a_bot_framework_tenant_is_accepted()
    {
        var token = _bot.ValidToken(t => t with
        {
            Issuer = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
            KeyId = LocalIssuer.EntraKey,
            AppIdClaim = "caller-app",
        });

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_entra_issued_token_from_the_bots_own_tenant_is_accepted_for_a_single_tenant_bot()
    {
        var token = _bot.ValidToken(t => t with
        {
            Issuer = $"https://sts.windows.net/{TeamsBot.AppTenantId}/",
            KeyId = LocalIssuer.EntraKey,
            AppIdClaim = "caller-app",
        });

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_entra_issued_token_from_another_tenant_is_refused()
    {
        var token = _bot.ValidToken(t => t with
        {
            Issuer = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
            KeyId = LocalIssuer.EntraKey,
            AppIdClaim = "caller-app",
        });

        var response = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_rolled_over_signing_key_is_picked_up_once_the_refresh_interval_has_passed()
    {
        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(_bot.Activities.PersonalMessage("help"))).StatusCode);
        _bot.Issuer.PublishExtraKey("bf-key-2");
        var fetchesBefore = _bot.Issuer.KeyFetches;

        // Within the minimum refresh interval: the unknown key id does not trigger another fetch.
        var early = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), _bot.ValidToken(t => t with { KeyId = "bf-key-2" }));
        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        Assert.Equal(fetchesBefore, _bot.Issuer.KeyFetches);

        _bot.Time.Advance(TimeSpan.FromMinutes(2));
        var late = await _bot.PostAsync(_bot.Activities.PersonalMessage("help"), _bot.ValidToken(t => t with { KeyId = "bf-key-2" }));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(fetchesBefore + 1, _bot.Issuer.KeyFetches);
    }

    private static string HmacToken()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = LocalIssuer.BotFrameworkKey };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = TeamsBot.AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "HS256"),
        });
    }

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Empty(_bot.Connector.Calls);
        var member = await _bot.InScopeAsync(sp => sp.GetRequiredService<IMemberStore>()
            .FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, TeamsActivities.UserId)));
        Assert.Null(member);
    }
}
