using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Hosting;

namespace SalesBot.Channels.Teams.Auth;

/// <summary>Who called <c>/api/messages</c>, once their token checked out.</summary>
public sealed record BotCaller(string Issuer, string? ServiceUrl, IReadOnlyList<string>? Endorsements, bool IsEntraToken)
{
    /// <summary>Local mode (Bot Framework Emulator without an app id): nobody was checked.</summary>
    public static BotCaller Unauthenticated { get; } = new("local", null, null, IsEntraToken: false);

    public bool IsUnauthenticated => ReferenceEquals(this, Unauthenticated);
}

/// <summary>The outcome of a check: a caller, or the reason for a 401 (logged, never sent back).</summary>
public sealed record AuthResult(BotCaller? Caller, string? Failure)
{
    public static AuthResult Fail(string reason) => new(null, reason);
}

/// <summary>
/// Checks the bearer token on an inbound activity (Bot Framework connector authentication): a
/// Bot Framework token (issuer <c>https://api.botframework.com</c>, key endorsed for the channel,
/// <c>serviceurl</c> claim equal to the activity's) or an Entra-issued token from the Bot Framework
/// tenants or, for a single-tenant bot, its own tenant. Audience is the app id, lifetime allows
/// 5 minutes of clock skew, RS256/384/512 only. Fails closed: with no app id every token is refused.
/// </summary>
public sealed class BotAuthenticator : IDisposable
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private readonly OpenIdKeySource _botFrameworkKeys;
    private readonly OpenIdKeySource _entraKeys;
    private readonly HashSet<string> _entraIssuers;
    private readonly TimeProvider _time;
    private readonly bool _localMode;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<BotAuthenticator> logger, LocalMode localMode)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(localMode);
        _options = options.Value;
        _time = time;
        _localMode = localMode.Enabled;
        var http = httpClients.CreateClient(TeamsHttpClients.Metadata);
        _botFrameworkKeys = new OpenIdKeySource(_options.OpenIdMetadataUrl, http, time, _options, logger);
        _entraKeys = new OpenIdKeySource(_options.EntraOpenIdMetadataUrl, http, time, _options, logger);
        var tenants = TeamsOptions.BotFrameworkTenants.ToList();
        if (_options.AppType != BotAppType.MultiTenant && !string.IsNullOrWhiteSpace(_options.AppTenantId))
        {
            tenants.Add(_options.AppTenantId.Trim());
        }

        _entraIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Checks the <c>Authorization</c> header. Activity-dependent checks follow in <see cref="CheckActivity"/>.</summary>
    public async Task<AuthResult> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!_options.HasAppId)
        {
            return _localMode
                ? new AuthResult(BotCaller.Unauthenticated, null)
                : AuthResult.Fail("No MicrosoftAppId is configured: Teams requests are refused.");
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Fail("No bearer token.");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException ex)
        {
            return AuthResult.Fail("Unreadable token: " + ex.GetType().Name);
        }

        var issuer = unverified.Issuer;
        var isEntra = _entraIssuers.Contains(issuer);
        if (issuer != TeamsOptions.BotFrameworkIssuer && !isEntra)
        {
            return AuthResult.Fail($"Untrusted issuer '{issuer}'.");
        }

        if (string.IsNullOrEmpty(unverified.Kid))
        {
            return AuthResult.Fail("Token has no key id.");
        }

        var source = isEntra ? _entraKeys : _botFrameworkKeys;
        var key = await source.FindAsync(unverified.Kid, cancellationToken);
        if (key is null)
        {
            return AuthResult.Fail($"Unknown signing key '{unverified.Kid}'.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer, // one of the trusted issuers checked above
            ValidAudience = _options.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            LifetimeValidator = ValidLifetime,
        };
        // The token read above is validated as it is: parsing it a second time would double the work of a turn's auth.
        var result = await _handler.ValidateTokenAsync(unverified, parameters);
        if (!result.IsValid)
        {
            return AuthResult.Fail($"Invalid token: {result.Exception?.GetType().Name} {result.Exception?.Message}");
        }

        // Claims are read from the validated token itself: building a ClaimsIdentity for three claims costs more than the rest of the check.
        if (isEntra && Claim(unverified, "appid") is null && Claim(unverified, "azp") is null)
        {
            return AuthResult.Fail("Entra token has no appid/azp claim.");
        }

        return new AuthResult(new BotCaller(issuer, Claim(unverified, "serviceurl"), key.Endorsements, isEntra), null);
    }

    /// <summary>
    /// The checks that need the activity: the signing key must be endorsed for its channel (Bot Framework
    /// keys) and the token's <c>serviceurl</c> must be the activity's, so a token for one service URL cannot
    /// make the bot send its own credentials somewhere else.
    /// </summary>
    public static string? CheckActivity(BotCaller caller, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(activity);
        if (caller.IsUnauthenticated)
        {
            return null;
        }

        if (!caller.IsEntraToken)
        {
            if (string.IsNullOrEmpty(activity.ChannelId) || caller.Endorsements is null ||
                !caller.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
            {
                return $"Signing key is not endorsed for channel '{activity.ChannelId}'.";
            }

            if (caller.ServiceUrl is null)
            {
                return "Token has no serviceurl claim.";
            }
        }

        if (caller.ServiceUrl is not null && !string.Equals(caller.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return $"Token serviceurl '{caller.ServiceUrl}' does not match the activity's '{activity.ServiceUrl}'.";
        }

        return null;
    }

    public void Dispose()
    {
        _botFrameworkKeys.Dispose();
        _entraKeys.Dispose();
    }

    /// <summary>Lifetime against the injected clock (tests use a fake one), with the 5-minute skew.</summary>
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp.ToUniversalTime() + ClockSkew >= now &&
               (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= now);
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && value is { Length: > 0 } ? value : null;
}

/// <summary>Whether unauthenticated local requests are accepted (decided once at start-up).</summary>
public sealed record LocalMode(bool Enabled);

public static class TeamsHttpClients
{
    public const string Metadata = "SalesBot.Teams.Metadata";
    public const string Connector = "SalesBot.Teams.Connector";
    public const string Identity = "SalesBot.Teams.Identity";
}
