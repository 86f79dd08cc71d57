using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Slack.Security;

namespace SalesBot.Channels.Slack.Tests;

public sealed class SignatureTests
{
    // Slack's documented example (protocols.md §4).
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const string DocumentedBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1531420618));

    [Fact]
    public void Slacks_documented_example_signs_to_the_documented_signature() =>
        Assert.Equal(DocumentedSignature, SlackSignature.Compute(DocumentedSecret, DocumentedTimestamp, Encoding.UTF8.GetBytes(DocumentedBody)));

    [Fact]
    public void The_documented_request_is_verified_at_its_own_time() =>
        Assert.Equal(SlackVerification.Verified, Verifier().Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody)));

    [Fact]
    public void A_changed_body_does_not_match_the_signature() =>
        Assert.Equal(SlackVerification.BadSignature, Verifier().Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody + "&x=1")));

    [Fact]
    public void A_signature_made_with_another_secret_is_refused() =>
        Assert.Equal(SlackVerification.BadSignature, Verifier().Verify(
            DocumentedTimestamp,
            SlackSignature.Compute("another-secret", DocumentedTimestamp, Encoding.UTF8.GetBytes(DocumentedBody)),
            Encoding.UTF8.GetBytes(DocumentedBody)));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_five_minutes_away_is_stale(int offsetSeconds)
    {
        var timestamp = (1531420618 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SlackSignature.Compute(DocumentedSecret, timestamp, Encoding.UTF8.GetBytes(DocumentedBody));
        Assert.Equal(SlackVerification.StaleTimestamp, Verifier().Verify(timestamp, signature, Encoding.UTF8.GetBytes(DocumentedBody)));
    }

    [Fact]
    public void A_request_four_minutes_old_is_still_fresh()
    {
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SlackVerification.Verified, Verifier().Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody)));
    }

    [Fact]
    public void The_same_signed_request_presented_twice_is_a_replay()
    {
        var verifier = Verifier();
        Assert.Equal(SlackVerification.Verified, verifier.Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody)));
        Assert.Equal(SlackVerification.Replayed, verifier.Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody)));
    }

    [Theory]
    [InlineData(null, DocumentedSignature)]
    [InlineData(DocumentedTimestamp, null)]
    [InlineData("", "")]
    public void Missing_headers_are_refused(string? timestamp, string? signature) =>
        Assert.Equal(SlackVerification.MissingHeaders, Verifier().Verify(timestamp, signature, Encoding.UTF8.GetBytes(DocumentedBody)));

    [Fact]
    public void Without_a_signing_secret_nothing_is_verified() =>
        Assert.Equal(SlackVerification.NotConfigured, Verifier(secret: "").Verify(DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody)));

    private SlackRequestVerifier Verifier(string secret = DocumentedSecret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new SeenSignatures(_time), _time);
}
