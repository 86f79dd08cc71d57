using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Bench;

/// <summary>
/// The local Bot Framework signing key: published as a JWKS with the <c>msteams</c> endorsement the Host
/// requires, and used to mint RS256 tokens like the ones the Bot Framework service sends.
/// </summary>
internal sealed class SigningKeys : IDisposable
{
    public const string KeyId = "bench-bf-key";
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly RSA _rsa = RSA.Create(2048);

    public string Jwks()
    {
        var p = _rsa.ExportParameters(false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray("msteams"),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>A token for <paramref name="audience"/> (the bot's app id) bound to one service URL.</summary>
    public string Mint(string audience, string serviceUrl, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkIssuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}
