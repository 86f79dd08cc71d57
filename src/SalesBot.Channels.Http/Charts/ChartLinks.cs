using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Http.Charts;

/// <summary>
/// Signed, short-lived addresses for charts. The chart's data travels in the address itself
/// (compressed JSON, base64url), with an expiry and an HMAC-SHA256 over both, so any instance holding
/// the key can draw it and none needs to remember anything. Nobody can fetch numbers by guessing: an
/// address is only ever made for a message that already carries those numbers to its reader, it cannot
/// be changed without the key, and it stops working after <see cref="ChartLinkOptions.LinkLifetime"/>.
/// </summary>
public sealed class ChartLinks
{
    /// <summary>The path every chart lives under: <c>/charts/{data}.png?exp=…&amp;sig=…</c>.</summary>
    public const string PathPrefix = "/charts/";

    /// <summary>Longest data part accepted or made: keeps the whole address under Slack's 3,000-character image_url limit.</summary>
    public const int MaxDataLength = 2400;

    /// <summary>Largest chart JSON accepted after decompression: a signed address can never inflate past it.</summary>
    public const int MaxJsonBytes = 16 * 1024;

    private const string Purpose = "salesbot.chart.v1";
    private readonly ChartLinkOptions _options;
    private readonly byte[] _key;
    private readonly IClock _clock;

    /// <param name="clock">The app's clock (moved by the playground's demo controls, faked in tests): links are made and checked against it.</param>
    public ChartLinks(IOptions<ChartLinkOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _key = _options.SigningKey is { Length: > 0 } key && ChartLinkOptionsValidator.TryKey(key, out var bytes)
            ? bytes
            : RandomNumberGenerator.GetBytes(ChartLinkOptions.MinKeyBytes);
    }

    /// <summary>The absolute address Teams and Slack fetch, or null without a public base address (or for a chart too big to carry).</summary>
    public string? UrlFor(Chart chart) =>
        _options.PublicBaseUrl is { } baseUrl && PathFor(chart) is { } path
            ? baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path
            : null;

    /// <summary>The address relative to the Host, for pages served by the Host itself (the playground).</summary>
    public string? PathFor(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var data = Encode(chart);
        if (data.Length > MaxDataLength)
        {
            return null;
        }

        var expires = (Now + _options.LinkLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{PathPrefix}{data}.png?exp={expires}&sig={Sign(data, expires)}";
    }

    /// <summary>
    /// Reads an address back: the chart when the signature holds and it has not expired, else why not.
    /// Nothing is decompressed or parsed before the signature is checked.
    /// </summary>
    public ChartLinkCheck Check(string? data, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(data) || data.Length > MaxDataLength || !IsBase64Url(data))
        {
            return ChartLinkCheck.Refuse(404, "No such chart.");
        }

        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            return ChartLinkCheck.Refuse(403, "This chart link is not signed.");
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || expires.Length > 12
            || !FixedTimeEquals(Sign(data, expires), signature))
        {
            return ChartLinkCheck.Refuse(403, "This chart link's signature does not match: it was changed or made elsewhere.");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(unix) <= Now)
        {
            return ChartLinkCheck.Refuse(403, "This chart link has expired. Ask SalesBot for the status again for a fresh chart.");
        }

        return Decode(data) is { } chart && ChartLimits.Problem(chart) is null
            ? ChartLinkCheck.Accept(chart, DateTimeOffset.FromUnixTimeSeconds(unix))
            : ChartLinkCheck.Refuse(404, "No such chart.");
    }

    private DateTimeOffset Now => _clock.GetCurrentInstant().ToDateTimeOffset();

    internal static string Encode(Chart chart)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(chart, MessageJson.Options);
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(json);
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    private static Chart? Decode(string data)
    {
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(Base64Url.DecodeFromChars(data)), CompressionMode.Decompress);
            var json = new byte[MaxJsonBytes + 1];
            var read = 0;
            int n;
            while (read < json.Length && (n = deflate.Read(json, read, json.Length - read)) > 0)
            {
                read += n;
            }

            return read > MaxJsonBytes ? null : JsonSerializer.Deserialize<Chart>(json.AsSpan(0, read), MessageJson.Options);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    private string Sign(string data, string expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{Purpose}\n{data}\n{expires}"));
        return Base64Url.EncodeToString(mac);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static bool IsBase64Url(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>The outcome of reading a chart address: the chart, or the status and reason it is refused with.</summary>
public sealed record ChartLinkCheck(Chart? Chart, DateTimeOffset Expires, int Status, string? Reason)
{
    public static ChartLinkCheck Accept(Chart chart, DateTimeOffset expires) => new(chart, expires, 200, null);

    public static ChartLinkCheck Refuse(int status, string reason) => new(null, default, status, reason);
}
