using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.MicroBench;

/// <summary>
/// The Bot Framework's OpenID metadata and key set, answered in memory (no socket, no network): one RSA key
/// endorsed for <c>msteams</c>, and RS256 tokens minted with it as the Bot Framework service sends them.
/// Handed to the product's authenticator as its metadata <see cref="HttpClient"/>; it counts the fetches,
/// so a run can show the keys were fetched once and then served from the authenticator's cache.
/// </summary>
internal sealed class InMemoryBotFrameworkKeys : HttpMessageHandler, IHttpClientFactory
{
    public const string KeyId = "bench-bf-key";
    public const string Issuer = "https://api.botframework.com";
    public static readonly Uri Metadata = new("http://127.0.0.1/bf/.well-known/openidconfiguration");
    private static readonly Uri Keys = new("http://127.0.0.1/bf/keys");

    private readonly RSA _rsa = RSA.Create(2048);
    private int _fetches;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The published key, as a validator reads it from the key set.</summary>
    public string Jwk()
    {
        var p = _rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray("msteams", "emulator"),
        }.ToJsonString();
    }

    public string Mint(string audience, string serviceUrl, DateTimeOffset now, TimeSpan lifetime) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            IssuedAt = now.UtcDateTime.AddMinutes(-1),
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        var json = request.RequestUri == Metadata
            ? new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = Keys.ToString() }.ToJsonString()
            : request.RequestUri == Keys
                ? $"{{\"keys\":[{Jwk()}]}}"
                : null;
        return Task.FromResult(json is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
