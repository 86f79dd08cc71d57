using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Channels.Slack.Security;

/// <summary>
/// Slack's request signature: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed
/// with the signing secret.
/// </summary>
public static class SlackSignature
{
    public const string Version = "v0";

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Constant-time comparison of the expected and the presented signature.</summary>
    public static bool Matches(string signingSecret, string timestamp, ReadOnlySpan<byte> body, string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(presented.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
