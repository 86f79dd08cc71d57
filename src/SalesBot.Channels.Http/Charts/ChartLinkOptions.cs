using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Http.Charts;

/// <summary>
/// Configuration section <c>Charts</c>: where Teams and Slack fetch a chart's picture, how long its
/// address works, and the key that signs it.
/// </summary>
public sealed class ChartLinkOptions
{
    public const string Section = "Charts";
    public const int MinKeyBytes = 32;

    /// <summary>
    /// The Host's public https address (e.g. <c>https://salesbot.example.com</c>) that Teams and Slack
    /// fetch chart images from. Unset: Teams and Slack messages carry no chart (their tables still
    /// carry the numbers); the playground, on the same origin, shows charts either way.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Base64 of at least 32 random bytes. Unset: a key is made per process, so a link works only on the
    /// instance that made it, and not after a restart; with more than one instance it must be set.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a chart's address works after the message is sent.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Bytes of rendered PNGs kept in memory, so a chart shown to several clients is drawn once.</summary>
    public long CacheBytes { get; set; } = 16 * 1024 * 1024;
}

public sealed class ChartLinkOptionsValidator(IOptions<DeliveryOptions> delivery) : IValidateOptions<ChartLinkOptions>
{
    private static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, ChartLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = ChartLinkOptions.Section;
        if (options.PublicBaseUrl is { } url && !IsPublicBase(url))
        {
            failures.Add($"{s}:PublicBaseUrl must be an absolute https address without query or fragment (http only for localhost), not '{url}'.");
        }

        if (options.SigningKey is { } key && (!TryKey(key, out var bytes) || bytes.Length < ChartLinkOptions.MinKeyBytes))
        {
            failures.Add($"{s}:SigningKey must be base64 of at least {ChartLinkOptions.MinKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
        }

        if (options.LinkLifetime < MinLifetime || options.LinkLifetime > MaxLifetime)
        {
            failures.Add($"{s}:LinkLifetime must be between {MinLifetime} and {MaxLifetime}, not {options.LinkLifetime}.");
        }

        if (options.CacheBytes is < 1024 * 1024 or > 512L * 1024 * 1024)
        {
            failures.Add($"{s}:CacheBytes must be between 1 MB and 512 MB, not {options.CacheBytes}.");
        }

        if (delivery.Value.InstanceCount > 1 && options.PublicBaseUrl is not null && string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add($"{s}:SigningKey must be set when {DeliveryOptions.Section}:InstanceCount is more than 1: a chart link signed on one instance must open on every other.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool TryKey(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static bool IsPublicBase(Uri url) =>
        url.IsAbsoluteUri
        && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment)
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
