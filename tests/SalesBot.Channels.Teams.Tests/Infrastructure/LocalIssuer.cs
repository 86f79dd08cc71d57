using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>
/// A local stand-in for login.botframework.com and login.microsoftonline.com: OpenID metadata and
/// key sets (Bot Framework keys carry channel endorsements), tokens signed with test RSA keys, and
/// a client-credentials token endpoint for the bot's outbound calls.
/// </summary>
public sealed class LocalIssuer : LoopbackServer
{
    public const string BotFrameworkKey = "bf-key-1";
    public const string WebChatOnlyKey = "bf-webchat-only";
    public const string EntraKey = "entra-key-1";
    public const string OutboundToken = "local-outbound-token";

    // Generating RSA keys is slow; every test issuer signs with the same ones.
    private static readonly Dictionary<string, RSA> SharedKeys = new()
    {
        [BotFrameworkKey] = RSA.Create(2048),
        [WebChatOnlyKey] = RSA.Create(2048),
        [EntraKey] = RSA.Create(2048),
    };

    private static readonly RSA Rogue = RSA.Create(2048);
    private readonly Dictionary<string, RSA> _keys = new(SharedKeys);
    private int _tokenRequests;
    private int _keyFetches;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    public int KeyFetches => Volatile.Read(ref _keyFetches);

    /// <summary>Form fields of the last token request.</summary>
    public IReadOnlyDictionary<string, string>? LastTokenRequest { get; private set; }
    public string? LastTokenPath { get; private set; }

    /// <summary>A key published later (key rollover).</summary>
    public string? ExtraKeyId { get; private set; }

    public Uri BotFrameworkMetadata => new(BaseUrl, "bf/.well-known/openidconfiguration");
    public Uri EntraMetadata => new(BaseUrl, "entra/v2.0/.well-known/openid-configuration");

    public static async Task<LocalIssuer> StartNewAsync()
    {
        var issuer = new LocalIssuer();
        await issuer.StartAsync(issuer.Map);
        return issuer;
    }

    public void PublishExtraKey(string keyId)
    {
        _keys[keyId] = RSA.Create(2048);
        ExtraKeyId = keyId;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/bf/.well-known/openidconfiguration", () => Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = new Uri(BaseUrl, "bf/keys").ToString() }));
        app.MapGet("/bf/keys", () =>
        {
            Interlocked.Increment(ref _keyFetches);
            var keys = new JsonArray(
                Jwk(BotFrameworkKey, ["msteams", "emulator"]),
                Jwk(WebChatOnlyKey, ["webchat"]));
            if (ExtraKeyId is { } extra)
            {
                keys.Add(Jwk(extra, ["msteams"]));
            }

            return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
        });
        app.MapGet("/entra/v2.0/.well-known/openid-configuration", () => Results.Json(new { issuer = "https://login.microsoftonline.com/{tenantid}/v2.0", jwks_uri = new Uri(BaseUrl, "entra/keys").ToString() }));
        app.MapGet("/entra/keys", () => Results.Text(new JsonObject { ["keys"] = new JsonArray(Jwk(EntraKey, null)) }.ToJsonString(), "application/json"));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context, string tenant) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await context.Request.ReadFormAsync();
            LastTokenRequest = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            LastTokenPath = context.Request.Path;
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = OutboundToken });
        });
    }

    private JsonObject Jwk(string kid, string[]? endorsements)
    {
        var p = _keys[kid].ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray());
        }

        return jwk;
    }

    /// <summary>A token as the Bot Framework service sends it; every part can be spoiled for a negative test.</summary>
    public string Token(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rsa = spec.SignWithRogueKey ? Rogue : _keys.TryGetValue(spec.KeyId, out var k) ? k : Rogue;
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        if (spec.AppIdClaim is not null)
        {
            claims["azp"] = spec.AppIdClaim;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            Claims = claims,
            IssuedAt = spec.NotBefore.UtcDateTime,
            NotBefore = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = spec.KeyId }, spec.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

public sealed record TokenSpec
{
    public required string Audience { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset Expires { get; init; }
    public string Issuer { get; init; } = "https://api.botframework.com";
    public string KeyId { get; init; } = LocalIssuer.BotFrameworkKey;
    public string? ServiceUrl { get; init; }
    public string? AppIdClaim { get; init; }
    public bool SignWithRogueKey { get; init; }
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
}
