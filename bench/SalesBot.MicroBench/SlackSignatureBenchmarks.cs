using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack;
using SalesBot.Channels.Slack.Security;

namespace SalesBot.MicroBench;

/// <summary>
/// Slack request verification on a typical Events API body (a DM to the bot, about 700 bytes):
/// <see cref="SlackSignature.Matches"/> (v0 HMAC-SHA256 over <c>v0:{ts}:{body}</c>, constant-time compare)
/// and the whole <see cref="SlackRequestVerifier"/> (headers, timestamp window, signature, replay memory).
/// Each operation verifies a different request, as Slack's are: an invocation runs through
/// <see cref="Requests"/> of them against a fresh replay memory (a repeat would be refused as a replay).
/// The reference is the bare MAC: <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// over the same <c>v0:{ts}:{body}</c> bytes, into a buffer.
/// </summary>
[MemoryDiagnoser]
public class SlackSignatureBenchmarks
{
    public const int Requests = 1_024;
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private static readonly DateTimeOffset Now = new(2026, 3, 9, 14, 0, 0, TimeSpan.Zero);

    private readonly TimeProvider _time = new FixedTime(Now);
    private readonly IOptions<SlackOptions> _options = Options.Create(new SlackOptions { SigningSecret = SigningSecret });
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(SigningSecret);
    private readonly byte[] _mac = new byte[HMACSHA256.HashSizeInBytes];
    private SignedRequest[] _requests = [];

    public static int BodyBytes => Body(0).Length;

    [GlobalSetup]
    public void Setup() => MicroBench.Setup.Checked(nameof(SlackSignatureBenchmarks), Prepare);

    private void Prepare()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _requests = Enumerable.Range(0, Requests).Select(i =>
        {
            var body = Body(i);
            var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
            var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, signed));
            return new SignedRequest(timestamp, signature, body, signed);
        }).ToArray();

        MicroBench.Setup.Require(SalesBotSignature() == Requests, "SlackSignature.Matches refused a signed request");
        MicroBench.Setup.Require(SalesBotVerifier() == Requests, "SlackRequestVerifier refused a signed request");
        var first = _requests[0];
        var tampered = first.Body.ToArray();
        tampered[^2] ^= 1;
        MicroBench.Setup.Require(!SlackSignature.Matches(SigningSecret, first.Timestamp, tampered, first.Signature), "a tampered body still matched");
        using var seen = new SeenSignatures(_time);
        var verifier = new SlackRequestVerifier(_options, seen, _time);
        var stale = (Now.ToUnixTimeSeconds() - 600).ToString(CultureInfo.InvariantCulture);
        MicroBench.Setup.Require(verifier.Verify(stale, first.Signature, first.Body) == SlackVerification.StaleTimestamp, "a 10-minute-old timestamp was not refused");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests, Description = "reference: HMACSHA256.HashData over v0:{ts}:{body}")]
    public int Reference()
    {
        var done = 0;
        foreach (var request in _requests)
        {
            done += HMACSHA256.HashData(_secret, request.Signed, _mac) == HMACSHA256.HashSizeInBytes ? 1 : 0;
        }

        return done;
    }

    [Benchmark(OperationsPerInvoke = Requests, Description = "SalesBot: SlackSignature.Matches")]
    public int SalesBotSignature()
    {
        var matched = 0;
        foreach (var request in _requests)
        {
            matched += SlackSignature.Matches(SigningSecret, request.Timestamp, request.Body, request.Signature)
                ? 1
                : throw new InvalidOperationException("A signed request did not match.");
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = Requests, Description = "SalesBot: SlackRequestVerifier.Verify (window, signature, replay memory)")]
    public int SalesBotVerifier()
    {
        using var seen = new SeenSignatures(_time);
        var verifier = new SlackRequestVerifier(_options, seen, _time);
        var verified = 0;
        foreach (var request in _requests)
        {
            var outcome = verifier.Verify(request.Timestamp, request.Signature, request.Body);
            verified += outcome == SlackVerification.Verified ? 1 : throw new InvalidOperationException($"A signed request was refused: {outcome}.");
        }

        return verified;
    }


    /// <summary>An Events API callback for a DM to the bot; the ids differ per request, as Slack's do.</summary>
    private static byte[] Body(int i) => Encoding.UTF8.GetBytes(
        "{\"token\":\"XXYYZZ\",\"team_id\":\"T0123ABCD\",\"api_app_id\":\"A0123ABCD\",\"event\":{\"type\":\"message\"," +
        $"\"client_msg_id\":\"{new Guid(i, 0, 0, new byte[8]):D}\",\"text\":\"calls 32, meetings 4, proposals 1\",\"user\":\"U0123ABCD\"," +
        $"\"ts\":\"1741521600.{i:000000}\",\"blocks\":[{{\"type\":\"rich_text\",\"block_id\":\"Xb1\",\"elements\":[{{\"type\":\"rich_text_section\"," +
        "\"elements\":[{\"type\":\"text\",\"text\":\"calls 32, meetings 4, proposals 1\"}]}]}],\"team\":\"T0123ABCD\",\"channel\":\"D0123ABCD\"," +
        $"\"event_ts\":\"1741521600.{i:000000}\",\"channel_type\":\"im\"}},\"type\":\"event_callback\",\"event_id\":\"Ev0{i:00000000}\"," +
        "\"event_time\":1741521600,\"authorizations\":[{\"enterprise_id\":null,\"team_id\":\"T0123ABCD\",\"user_id\":\"U0BOT0001\"," +
        "\"is_bot\":true,\"is_enterprise_install\":false}],\"is_ext_shared_channel\":false,\"event_context\":\"4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMDEyM0FCQ0QiLCJhaWQiOiJBMDEyM0FCQ0QiLCJjaWQiOiJEMDEyM0FCQ0QifQ\"}");

    private sealed record SignedRequest(string Timestamp, string Signature, byte[] Body, byte[] Signed);
}
