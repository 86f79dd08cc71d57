using System.Globalization;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Slack.Security;

public enum SlackVerification
{
    Verified,
    NotConfigured,
    MissingHeaders,
    StaleTimestamp,
    BadSignature,
    Replayed,
}

/// <summary>
/// Decides whether a raw request body really comes from Slack, before anything parses it. Fails
/// closed: without a signing secret nothing is verified.
/// </summary>
internal sealed class SlackRequestVerifier(IOptions<SlackOptions> options, SeenSignatures seen, TimeProvider time)
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return SlackVerification.NotConfigured;
        }

        if (string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signature))
        {
            return SlackVerification.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackVerification.StaleTimestamp;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)settings.SignatureWindow.TotalSeconds)
        {
            return SlackVerification.StaleTimestamp;
        }

        if (!SlackSignature.Matches(settings.SigningSecret, timestamp, body, signature))
        {
            return SlackVerification.BadSignature;
        }

        return seen.TryRemember(signature.Trim(), settings.SignatureWindow) ? SlackVerification.Verified : SlackVerification.Replayed;
    }
}
