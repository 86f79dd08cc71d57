using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using SalesBot.Channels.Teams.Hosting;

namespace SalesBot.Channels.Teams.Auth;

/// <summary>A signing key and the channels it is endorsed for (Bot Framework keys list them; Entra keys do not).</summary>
public sealed record SigningKey(string KeyId, SecurityKey Key, IReadOnlyList<string>? Endorsements);

/// <summary>
/// The signing keys behind one OpenID metadata document: metadata, then its <c>jwks_uri</c>, fetched
/// with <see cref="HttpClient"/> and cached. Keys are fetched again when they are older than
/// <see cref="TeamsOptions.SigningKeysLifetime"/>, or when a token names a key id not seen yet (key
/// rollover), but then at most once per <see cref="TeamsOptions.SigningKeysMinRefreshInterval"/>, so a
/// flood of tokens with made-up key ids cannot turn into a flood of fetches.
/// </summary>
public sealed partial class OpenIdKeySource(
    Uri metadataUrl,
    HttpClient http,
    TimeProvider time,
    TeamsOptions options,
    ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey> _keys = new Dictionary<string, SigningKey>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public Uri MetadataUrl => metadataUrl;

    /// <summary>The key with this id, or null when the issuer does not (or no longer) publish it.</summary>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _fetchedAt < options.SigningKeysLifetime && _keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            now = time.GetUtcNow();
            var stale = now - _fetchedAt >= options.SigningKeysLifetime;
            var unknown = !_keys.ContainsKey(keyId);
            if ((stale || unknown) && now - _lastAttempt >= options.SigningKeysMinRefreshInterval)
            {
                _lastAttempt = now;
                try
                {
                    _keys = await FetchAsync(cancellationToken);
                    _fetchedAt = now;
                    LogKeysFetched(logger, _keys.Count, metadataUrl);
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
                {
                    // Keep the keys we had: a metadata outage must not lock out every caller.
                    LogKeysFetchFailed(logger, ex, metadataUrl);
                }
            }

            return _keys.GetValueOrDefault(keyId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var metadata = await GetJsonAsync(metadataUrl, cancellationToken);
        if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwks) || jwks.ValueKind != JsonValueKind.String ||
            !Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidOperationException($"OpenID metadata at {metadataUrl} has no jwks_uri.");
        }

        if (!TeamsOptionsValidator.IsSecureOrLoopback(jwksUri))
        {
            throw new InvalidOperationException($"jwks_uri {jwksUri} is not https.");
        }

        using var set = await GetJsonAsync(jwksUri, cancellationToken);
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!set.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"Key set at {jwksUri} has no keys.");
        }

        foreach (var element in list.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object ||
                !element.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String ||
                !element.TryGetProperty("kty", out var kty) || kty.GetString() != "RSA")
            {
                continue;
            }

            var key = new JsonWebKey(element.GetRawText());
            List<string>? endorsements = null;
            if (element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                endorsements = e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
            }

            keys[kid.GetString()!] = new SigningKey(kid.GetString()!, key, endorsements);
        }

        return keys;
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Fetched {Count} signing keys from {MetadataUrl}")]
    private static partial void LogKeysFetched(ILogger logger, int count, Uri metadataUrl);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not fetch signing keys from {MetadataUrl}")]
    private static partial void LogKeysFetchFailed(ILogger logger, Exception exception, Uri metadataUrl);
}
