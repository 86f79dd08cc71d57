using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using SalesBot.Channels.Slack.Security;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// Generated hostile bodies, validly signed, at the three Slack endpoints: never a 5xx, and a refused
/// one (4xx) leaves the store exactly as it was and calls no Slack method. CsCheck prints the seed of a failure.
/// </summary>
public sealed class HostileInputProperties : SlackAppTest
{
    private const int Iterations = 120;

    private static readonly string[] EventTemplates =
    [
        """{"token":"x","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev0GEN","event_time":1,"event":{"type":"message","channel":"D0DIRECT1","channel_type":"im","user":"U0ANA","text":"HOSTILE","ts":"1700000000.000100"}}""".Replace("\"HOSTILE\"", HostilePayloads.Marker, StringComparison.Ordinal),
        """{"token":"x","team_id":"HOSTILE","type":"event_callback","event_id":"Ev0GEN","event":{"type":"app_mention","channel":"C0SALES","user":"U0ANA","text":"<@U0BOT> status","ts":"1700000000.000100"}}""",
        """{"token":"x","team_id":"T0TEAM","type":"event_callback","event_id":"Ev0GEN","event":{"type":"app_home_opened","user":"HOSTILE","channel":"D0DIRECT1","tab":"home"}}""",
        """{"type":"url_verification","challenge":"HOSTILE","token":"x"}""",
        """{"type":"HOSTILE","team_id":"T0TEAM","event_id":"Ev0GEN"}""",
        """{"token":"x","team_id":"T0TEAM","type":"event_callback","event_id":"HOSTILE","event":{"type":"member_joined_channel","user":"U0BOT","channel":"C0SALES","inviter":"U0ANA"},"authorizations":[{"user_id":"U0BOT"}]}""",
    ];

    private static readonly string[] CommandTemplates =
    [
        "team_id=T0TEAM&user_id=U0ANA&channel_id=D0DIRECT1&command=%2Fwin&text=HOSTILE&trigger_id=1.2.3",
        "team_id=HOSTILE&user_id=U0ANA&channel_id=D0DIRECT1&command=%2Fcheckin&text=&trigger_id=1.2.3",
        "team_id=T0TEAM&user_id=HOSTILE&channel_id=C0SALES&command=%2Fsalesbot&text=status&trigger_id=1.2.3",
        "team_id=T0TEAM&user_id=U0ANA&channel_id=D0DIRECT1&command=HOSTILE&text=help&trigger_id=1.2.3",
    ];

    private static readonly string[] InteractionTemplates =
    [
        """{"type":"block_actions","team":{"id":"T0TEAM"},"user":{"id":"U0ANA","team_id":"T0TEAM"},"trigger_id":"1.2.t","channel":{"id":"D0DIRECT1"},"container":{"type":"message","channel_id":"D0DIRECT1","message_ts":"1700000000.000200"},"actions":[{"type":"button","action_id":"checkin.open#0","value":"HOSTILE","action_ts":"1700000001.1"}]}""",
        """{"type":"block_actions","team":{"id":"HOSTILE"},"user":{"id":"U0ANA"},"actions":[{"action_id":"snooze#0","value":"{\"v\":\"snooze\"}"}]}""",
        """{"type":"view_submission","team":{"id":"T0TEAM"},"user":{"id":"U0ANA","team_id":"T0TEAM"},"view":{"id":"V0GEN","hash":"1.a","callback_id":"win.submit","private_metadata":"HOSTILE","state":{"values":{"win":{"win":{"type":"plain_text_input","value":"Booked a demo"}}}}}}""",
        """{"type":"view_submission","team":{"id":"T0TEAM"},"user":{"id":"U0ANA"},"view":{"id":"V0GEN","callback_id":"checkin.submit","private_metadata":"{}","state":{"values":{"calls":{"calls":{"type":"plain_text_input","value":"HOSTILE"}}}}}}""",
        """{"type":"view_submission","team":{"id":"T0TEAM"},"user":{"id":"U0ANA"},"view":{"id":"V0GEN","callback_id":"HOSTILE","state":{"values":{}}}}""",
    ];

    [Fact]
    public Task Events_never_answer_5xx_and_a_refused_one_writes_nothing() =>
        HostilePayloads.JsonBodies(EventTemplates).SampleAsync(body => PostAsync("/slack/events", body, "application/json"), iter: Iterations, threads: 1);

    [Fact]
    public Task Commands_never_answer_5xx_and_a_refused_one_writes_nothing() =>
        HostilePayloads.FormBodies(CommandTemplates).SampleAsync(body => PostAsync("/slack/commands", body, "application/x-www-form-urlencoded"), iter: Iterations, threads: 1);

    [Fact]
    public Task Interactions_never_answer_5xx_and_a_refused_one_writes_nothing() =>
        HostilePayloads.PayloadForms(InteractionTemplates).SampleAsync(body => PostAsync("/slack/interactivity", body, "application/x-www-form-urlencoded"), iter: Iterations, threads: 1);

    private async Task PostAsync(string path, HostileBody body, string contentType)
    {
        await App.WhenIdleAsync();
        var before = await SqliteContents.FingerprintAsync(App.DatabasePath);
        var calls = Api.Calls.Count;
        var ts = App.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body.Bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SlackApp.SigningSecret, ts, body.Bytes));

        using var response = await App.SendAsync(request);
        await App.WhenIdleAsync();

        Assert.True((int)response.StatusCode < 500, $"{body}: {(int)response.StatusCode}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal(before, await SqliteContents.FingerprintAsync(App.DatabasePath));
            Assert.Equal(calls, Api.Calls.Count);
        }
    }
}
