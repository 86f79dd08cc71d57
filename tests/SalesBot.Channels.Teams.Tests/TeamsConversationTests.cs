using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// Teams-shaped conversations end to end through the real Host (<c>Program</c>): token, activity, engine,
/// a real SQLite file, outbox dispatcher, local connector.
/// </summary>
public sealed class TeamsConversationTests : IAsyncLifetime
{
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartHostAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsActivities Activities => _bot.Activities;

    [Fact]
    public async Task A_whole_check_in_in_a_personal_chat_ends_with_a_read_only_card_and_a_stored_check_in()
    {
        var ask = Activities.PersonalMessage("check in");
        var response = await _bot.PostAsync(ask);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The form goes back as a reply to the message, with Action.Execute buttons and a bot token.
        var form = Assert.Single(_bot.Connector.Calls);
        Assert.Equal("POST", form.Method);
        Assert.Equal($"v3/conversations/{TeamsActivities.PersonalConversation}/activities/{ask["id"]}", form.Path);
        Assert.Equal("Bearer " + LocalIssuer.OutboundToken, form.Authorization);
        Assert.Equal(TeamsActivities.UserId, (string?)form.Body!["recipient"]!["id"]);
        Assert.Equal(Activities.BotId, (string?)form.Body!["from"]!["id"]);
        var submit = form.Card!["actions"]!.AsArray().Single();
        Assert.Equal("Action.Execute", (string?)submit!["type"]);
        Assert.Equal("checkin.submit", (string?)submit["verb"]);
        var reportDate = (string)submit["data"]!["reportDate"]!;
        Assert.Equal($"/{TeamsBot.AppTenantId}/oauth2/v2.0/token", _bot.Issuer.LastTokenPath);
        Assert.Equal("client_credentials", _bot.Issuer.LastTokenRequest!["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", _bot.Issuer.LastTokenRequest!["scope"]);
        Assert.Equal(TeamsBot.AppId, _bot.Issuer.LastTokenRequest!["client_id"]);

        // The rep fills it in; numbers arrive as strings, as Teams sends them.
        var invoke = Activities.CardAction("checkin.submit", new JsonObject
        {
            ["calls"] = "32",
            ["meetings"] = "4",
            ["proposals"] = "1",
            ["plan"] = "Call Acme about renewal\nDemo for Globex",
            ["blockers"] = "",
            ["reportDate"] = reportDate,
        }, replyToId: "act-1");
        var answer = await _bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        var card = body["value"]!.ToJsonString();
        Assert.DoesNotContain("Input.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.", card, StringComparison.Ordinal);
        Assert.Contains("32", card, StringComparison.Ordinal);

        var stored = await _bot.InScopeAsync(async sp =>
        {
            var member = await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, TeamsActivities.UserId));
            return (await sp.GetRequiredService<ICheckInStore>().GetAsync(member!.Value.Id, NodaTime.Text.LocalDatePattern.Iso.Parse(reportDate).Value))?.Value;
        });
        Assert.NotNull(stored);
        Assert.Equal(32, stored.ValueOf("calls"));
        Assert.Equal(["Call Acme about renewal", "Demo for Globex"], stored.Plan);

        // One token for every call: MSAL keeps it until shortly before it expires.
        Assert.Equal(1, _bot.Issuer.TokenRequests);
    }

    [Fact]
    public async Task A_check_in_with_a_bad_number_comes_back_as_the_same_card_with_the_error_and_stores_nothing()
    {
        await _bot.PostAsync(Activities.PersonalMessage("check in"));
        var reportDate = (string)_bot.Connector.Calls[0].Card!["actions"]![0]!["data"]!["reportDate"]!;

        var answer = await _bot.PostAsync(Activities.CardAction("checkin.submit", new JsonObject
        {
            ["calls"] = "lots", ["meetings"] = "4", ["proposals"] = "1", ["reportDate"] = reportDate,
        }));

        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        var card = body["value"]!.ToJsonString();
        Assert.Contains("Input.Number", card, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Attention\"", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_submit_check_in_updates_the_submitted_card_to_a_read_only_summary()
    {
        await _bot.PostAsync(Activities.PersonalMessage("check in"));
        var reportDate = (string)_bot.Connector.Calls[0].Card!["actions"]![0]!["data"]!["reportDate"]!;
        _bot.Connector.Clear();

        var response = await _bot.PostAsync(Activities.CardSubmit("checkin.submit", new JsonObject
        {
            ["calls"] = "30", ["meetings"] = "3", ["proposals"] = "1", ["reportDate"] = reportDate,
        }, replyToId: "act-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(_bot.Connector.Calls, c => c.Method == "PUT");
        Assert.Equal($"v3/conversations/{TeamsActivities.PersonalConversation}/activities/act-1", update.Path);
        Assert.Equal("act-1", (string?)update.Body!["id"]);
        Assert.DoesNotContain("Input.", update.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_win_logged_in_a_personal_chat_is_posted_to_the_team_channel_the_bot_was_added_to()
    {
        var added = await _bot.PostAsync(Activities.BotAddedToTeam());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var greeting = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation}/activities", greeting.Path);
        _bot.Connector.Clear();

        await _bot.PostAsync(Activities.PersonalMessage("win moved Acme to proposal"));
        var reply = Assert.Single(_bot.Connector.Calls);
        Assert.Contains("posted your win", reply.Body!["summary"]?.ToString() ?? reply.Body!["text"]!.ToString(), StringComparison.Ordinal);
        _bot.Connector.Clear();

        var sent = await _bot.DispatchOutboxAsync();

        Assert.Equal(1, sent);
        var post = Assert.Single(_bot.Connector.Calls);
        Assert.Equal("POST", post.Method);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation}/activities", post.Path);
        Assert.Contains("moved Acme from Discovery to Proposal", post.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("channel", (string?)post.Body!["conversation"]!["conversationType"]);
    }

    [Fact]
    public async Task Teams_announcing_one_install_twice_greets_once()
    {
        await _bot.PostAsync(Activities.PersonalInstall());
        var update = Activities.Base("conversationUpdate", TeamsActivities.PersonalConversation, "personal");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
        await _bot.PostAsync(update);

        Assert.Single(_bot.Connector.Calls);
    }

    [Fact]
    public async Task New_members_of_a_team_are_welcomed_in_the_channel()
    {
        var response = await _bot.PostAsync(Activities.MembersAddedToTeam("Bo Newhire"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation}/activities", welcome.Path);
        Assert.Contains("Bo Newhire", (string?)welcome.Body!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_reaches_a_member_who_installed_the_app_but_never_typed()
    {
        var install = await _bot.PostAsync(Activities.PersonalInstall());
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var greeting = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.PersonalConversation}/activities", greeting.Path);
        _bot.Connector.Clear();

        var member = await MemberAsync(TeamsActivities.UserId);
        Assert.Equal("America/New_York", member.TimeZoneId);
        await EnqueuePromptAsync(member.Id);

        Assert.Equal(1, await _bot.DispatchOutboxAsync());
        var prompt = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.PersonalConversation}/activities", prompt.Path);
        Assert.Equal("Time for your check-in.", (string?)prompt.Body!["text"]);
    }

    [Fact]
    public async Task A_prompt_to_a_member_without_a_personal_conversation_creates_it_and_remembers_it()
    {
        await _bot.PostAsync(Activities.PersonalInstall());
        var member = await MemberAsync(TeamsActivities.UserId);
        await _bot.InScopeAsync(async sp =>
        {
            var existing = await sp.GetRequiredService<IConversationReferenceStore>().FindAsync(RecipientKind.Member, member.Id);
            await sp.GetRequiredService<IStoreWriter>().CommitAsync(changes => changes.PutConversation(existing! with { ConversationId = "" }));
            return true;
        });
        _bot.Connector.Clear();
        await EnqueuePromptAsync(member.Id);

        Assert.Equal(1, await _bot.DispatchOutboxAsync());

        var calls = _bot.Connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal("v3/conversations", calls[0].Path);
        Assert.Equal(TeamsActivities.TenantId, (string?)calls[0].Body!["tenantId"]);
        Assert.Equal(TeamsActivities.TenantId, (string?)calls[0].Body!["channelData"]!["tenant"]!["id"]);
        Assert.Equal(TeamsActivities.UserId, (string?)calls[0].Body!["members"]![0]!["id"]);
        Assert.Equal(Activities.BotId, (string?)calls[0].Body!["bot"]!["id"]);
        Assert.Equal(false, (bool?)calls[0].Body!["isGroup"]);
        Assert.StartsWith("v3/conversations/a:created-", calls[1].Path, StringComparison.Ordinal);
        var remembered = await _bot.InScopeAsync(sp => sp.GetRequiredService<IConversationReferenceStore>().FindAsync(RecipientKind.Member, member.Id));
        Assert.StartsWith("a:created-", remembered!.ConversationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_prompt_is_retried_after_the_retry_after_and_then_delivered()
    {
        await _bot.PostAsync(Activities.PersonalInstall());
        var member = await MemberAsync(TeamsActivities.UserId);
        _bot.Connector.Clear();
        await EnqueuePromptAsync(member.Id);
        _bot.Connector.Throttle(retryAfterSeconds: 30);

        Assert.Equal(0, await _bot.DispatchOutboxAsync());
        var waiting = await _bot.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync("checkin-prompt:test"));
        Assert.Equal(OutboxStatus.Pending, waiting!.Status);
        Assert.Equal(_bot.Clock.GetCurrentInstant() + Duration.FromSeconds(30), waiting.NextAttemptAt);

        _bot.Clock.Advance(Duration.FromSeconds(29));
        Assert.Equal(0, await _bot.DispatchOutboxAsync());
        _bot.Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, await _bot.DispatchOutboxAsync());

        Assert.Equal(2, _bot.Connector.Calls.Count);
        var sent = await _bot.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync("checkin-prompt:test"));
        Assert.Equal(OutboxStatus.Sent, sent!.Status);
    }

    [Fact]
    public async Task A_blocked_bot_gives_up_on_the_prompt()
    {
        await _bot.PostAsync(Activities.PersonalInstall());
        var member = await MemberAsync(TeamsActivities.UserId);
        await EnqueuePromptAsync(member.Id);
        _bot.Connector.Answer(403, "{\"error\":{\"code\":\"MessageWritesBlocked\",\"message\":\"Thread is blocked\"}}");

        Assert.Equal(0, await _bot.DispatchOutboxAsync());

        var failed = await _bot.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync("checkin-prompt:test"));
        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        Assert.Contains("MessageWritesBlocked", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_activity_is_handled_once()
    {
        var message = Activities.PersonalMessage("help");

        await _bot.PostAsync(message);
        await _bot.PostAsync(message);

        Assert.Single(_bot.Connector.Calls);
    }

    [Fact]
    public async Task A_channel_mention_is_answered_in_its_thread_and_the_channel_itself_is_remembered()
    {
        var mention = Activities.Base("message", TeamsActivities.ChannelConversation + ";messageid=1700000000000", "channel");
        mention["text"] = "<at>SalesBot</at> help";

        await _bot.PostAsync(mention);

        var reply = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation};messageid=1700000000000/activities/{mention["id"]}", reply.Path);
        var member = await MemberAsync(TeamsActivities.UserId);
        var team = await _bot.InScopeAsync(sp => sp.GetRequiredService<IConversationReferenceStore>().FindAsync(RecipientKind.Team, member.TeamId));
        Assert.Equal(TeamsActivities.ChannelConversation, team!.ConversationId);
        Assert.Equal(TeamsActivities.TeamId, team.Property("teamId"));
    }

    [Fact]
    public async Task Status_asked_in_a_channel_leaves_a_note_there_and_answers_in_the_personal_chat()
    {
        await _bot.PostAsync(Activities.PersonalMessage("hello"));
        _bot.Connector.Clear();
        var mention = Activities.Base("message", TeamsActivities.ChannelConversation + ";messageid=1700000000001", "channel");
        mention["text"] = "<at>SalesBot</at> status";

        await _bot.PostAsync(mention);
        var note = Assert.Single(_bot.Connector.Calls);
        _bot.Connector.Clear();
        await _bot.DispatchOutboxAsync();

        Assert.StartsWith($"v3/conversations/{TeamsActivities.ChannelConversation};messageid=1700000000001/", note.Path, StringComparison.Ordinal);
        Assert.Null(note.Card);
        Assert.Contains("answered you in our 1:1 chat", note.Body!["text"]!.ToString(), StringComparison.Ordinal);
        var privately = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.PersonalConversation}/activities", privately.Path);
        Assert.NotNull(privately.Card);
    }

    [Fact]
    public async Task The_host_starts_without_teams_configured_and_refuses_teams_requests()
    {
        await using var bare = await TeamsBot.StartHostAsync(new() { ["MicrosoftAppId"] = null, ["MicrosoftAppPassword"] = null, ["MicrosoftAppTenantId"] = null });

        var health = await bare.Http.GetAsync("/healthz");
        var messages = await bare.PostAsync(bare.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, messages.StatusCode);
    }

    private Task<Member> MemberAsync(string userId) => _bot.InScopeAsync(async sp =>
        (await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, userId)))!.Value);

    private Task<bool> EnqueuePromptAsync(string memberId) => _bot.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<IStoreWriter>().CommitAsync(changes => changes.Enqueue(Prompt(memberId)));
        return true;
    });

    private OutboxMessage Prompt(string memberId) => new()
    {
        Key = "checkin-prompt:test",
        RecipientKind = RecipientKind.Member,
        RecipientId = memberId,
        Message = OutboundMessage.Plain("Time for your check-in."),
        CreatedAt = _bot.Clock.GetCurrentInstant(),
        NextAttemptAt = _bot.Clock.GetCurrentInstant(),
    };
}
