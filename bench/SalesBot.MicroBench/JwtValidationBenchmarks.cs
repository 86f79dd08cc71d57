using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Hosting;

namespace SalesBot.MicroBench;

/// <summary>
/// The Bot Framework token on every Teams request, checked by the product's <see cref="BotAuthenticator"/>
/// with its signing keys cached (fetched once from an in-memory key set): issuer, key id, signature
/// (RS256, 2048-bit key), audience, lifetime, then <see cref="BotAuthenticator.CheckActivity"/> for the
/// key's <c>msteams</c> endorsement and the <c>serviceurl</c> claim. The reference is a bare
/// <see cref="JsonWebTokenHandler.ValidateTokenAsync(string, TokenValidationParameters)"/> of the same token
/// that checks its signature only.
/// </summary>
[MemoryDiagnoser]
public class JwtValidationBenchmarks
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07a";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private readonly JsonWebTokenHandler _bare = new();
    private readonly Activity _activity = new() { Type = "message", ChannelId = "msteams", ServiceUrl = ServiceUrl };
    private InMemoryBotFrameworkKeys _keys = null!;
    private BotAuthenticator _authenticator = null!;
    private TokenValidationParameters _signatureOnly = null!;
    private string _authorization = string.Empty;
    private string _token = string.Empty;

    [GlobalSetup]
    public void Setup() => MicroBench.Setup.Checked(nameof(JwtValidationBenchmarks), () => PrepareAsync().GetAwaiter().GetResult());

    private async Task PrepareAsync()
    {
        _keys = new InMemoryBotFrameworkKeys();
        var options = Options.Create(new TeamsOptions
        {
            AppId = AppId,
            AppPassword = "bench-secret",
            AppTenantId = "11111111-2222-3333-4444-555555555555",
            OpenIdMetadataUrl = InMemoryBotFrameworkKeys.Metadata,
            EntraOpenIdMetadataUrl = new Uri("http://127.0.0.1/entra/.well-known/openid-configuration"),
        });
        _authenticator = new BotAuthenticator(options, _keys, TimeProvider.System, NullLogger<BotAuthenticator>.Instance, new LocalMode(false));
        _token = _keys.Mint(AppId, ServiceUrl, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        _authorization = "Bearer " + _token;
        _signatureOnly = new TokenValidationParameters
        {
            IssuerSigningKey = new JsonWebKey(_keys.Jwk()),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireSignedTokens = true,
        };

        MicroBench.Setup.Require((await SalesBot()) is { IsUnauthenticated: false }, "the token was refused");
        MicroBench.Setup.Require(_keys.Fetches == 2, $"the keys took {_keys.Fetches} requests to fetch, not 2 (metadata, key set)");
        await SalesBot();
        MicroBench.Setup.Require(_keys.Fetches == 2, "a second check fetched the keys again: they are not cached");
        MicroBench.Setup.Require(await Reference(), "the reference refused the token");

        var forged = _keys.Mint("someone-else", ServiceUrl, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        MicroBench.Setup.Require((await _authenticator.AuthenticateAsync("Bearer " + forged, CancellationToken.None)).Caller is null, "a token for another bot was accepted");
        var caller = (await _authenticator.AuthenticateAsync(_authorization, CancellationToken.None)).Caller!;
        MicroBench.Setup.Require(BotAuthenticator.CheckActivity(caller, new Activity { ChannelId = "msteams", ServiceUrl = "https://evil.example/" }) is not null,
            "a token for another service URL was accepted");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _authenticator.Dispose();
        _keys.Dispose();
    }

    [Benchmark(Baseline = true, Description = "reference: JsonWebTokenHandler.ValidateTokenAsync, signature only")]
    public async Task<bool> Reference() => (await _bare.ValidateTokenAsync(_token, _signatureOnly)).IsValid;

    [Benchmark(Description = "SalesBot: BotAuthenticator (issuer, key, signature, audience, lifetime, endorsement, serviceurl)")]
    public async Task<BotCaller> SalesBot()
    {
        var result = await _authenticator.AuthenticateAsync(_authorization, CancellationToken.None);
        var caller = result.Caller ?? throw new InvalidOperationException("The token was refused: " + result.Failure);
        return BotAuthenticator.CheckActivity(caller, _activity) is { } refusal
            ? throw new InvalidOperationException("The activity was refused: " + refusal)
            : caller;
    }
}
