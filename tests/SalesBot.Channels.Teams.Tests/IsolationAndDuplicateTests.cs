using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// Two Teams tenants on one bot: nothing sent in one (message, card submit, forged member, conversation,
/// tenant id or report date) reads or changes the other's data; a redelivered or twice-pressed card has
/// one effect; and activities arriving out of order end as a person would expect. Each is checked in
/// the SQLite file and in the calls to the connector, not only in the replies.
/// </summary>
public sealed class IsolationAndDuplicateTests : IAsyncLifetime
{
    private const string OtherTenant = "0bdf2c4e-0000-4000-8000-00000000beef";
    private const string OtherUser = "29:1b-rep-bo";
    private const string OtherConversation = "a:1personal-bo";

    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartHostAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsActivities Activities => _bot.Activities;

    [Fact]
    public async Task The_same_activity_id_in_two_tenants_is_two_messages_each_stored_for_its_own_sender()
    {
        // Teams message ids are timestamps: two tenants can send the same one in the same millisecond.
        var home = Activities.PersonalMessage("win booked a demo with Acme");
        home["id"] = "1700000000001";
        var other = InOtherTenant(Activities.PersonalMessage("win booked a demo with Globex"));
        other["id"] = "1700000000001";

        await _bot.PostAsync(home);
        await _bot.PostAsync(other);

        Assert.Equal(
            [("Ana Rep", "booked a demo with Acme"), ("Bo Rep", "booked a demo with Globex")],
            (await WinsAsync()).OrderBy(w => w.Member).ToList());
        Assert.Equal(
            [$"v3/conversations/{TeamsActivities.PersonalConversation}/activities/1700000000001", $"v3/conversations/{OtherConversation}/activities/1700000000001"],
            _bot.Connector.Calls.Select(c => c.Path).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task The_same_activity_id_in_two_personal_chats_of_one_tenant_is_two_messages()
    {
        var ana = Activities.PersonalMessage("win booked a demo with Acme");
        ana["id"] = "1700000000002";
        var cleo = Activities.PersonalMessage("win booked a demo with Initech");
        cleo["id"] = "1700000000002";
        cleo["from"] = new JsonObject { ["id"] = "29:1c-rep-cleo", ["name"] = "Cleo Rep", ["aadObjectId"] = "aad-cleo" };
        cleo["conversation"]!["id"] = "a:1personal-cleo";

        await _bot.PostAsync(ana);
        await _bot.PostAsync(cleo);

        Assert.Equal([("Ana Rep", "booked a demo with Acme"), ("Cleo Rep", "booked a demo with Initech")], (await WinsAsync()).OrderBy(w => w.Member).ToList());
    }

    [Fact]
    public async Task A_check_in_invoke_delivered_twice_stores_one_check_in_and_sends_nothing_more()
    {
        var reportDate = await OpenCheckInAsync(Activities.PersonalMessage("check in"));
        var invoke = Activities.CardAction("checkin.submit", CheckIn(32, reportDate), replyToId: "act-1");

        var first = await _bot.PostAsync(invoke);
        var stored = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        var calls = _bot.Connector.Calls.Count;
        var again = await _bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
        Assert.Equal(calls, _bot.Connector.Calls.Count);
        Assert.Equal([("Ana Rep", reportDate, "32")], await CheckInsAsync());
    }

    [Fact]
    public async Task A_check_in_submitted_as_a_message_and_delivered_twice_updates_the_card_once_and_stores_one_check_in()
    {
        var reportDate = await OpenCheckInAsync(Activities.PersonalMessage("check in"));
        _bot.Connector.Clear();
        var submit = Activities.CardSubmit("checkin.submit", CheckIn(30, reportDate), replyToId: "act-1");

        await _bot.PostAsync(submit);
        var stored = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        var again = await _bot.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
        Assert.Single(_bot.Connector.Calls, c => c.Method == "PUT");
        Assert.Equal([("Ana Rep", reportDate, "30")], await CheckInsAsync());
    }

    [Fact]
    public async Task A_check_in_card_pressed_twice_keeps_one_check_in_and_queues_no_second_post()
    {
        var reportDate = await OpenCheckInAsync(Activities.PersonalMessage("check in"));

        // Two presses are two activities with their own ids, carrying the same form.
        await _bot.PostAsync(Activities.CardAction("checkin.submit", CheckIn(45, reportDate), replyToId: "act-1"));
        var outbox = await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT key FROM outbox ORDER BY key");
        var second = await _bot.PostAsync(Activities.CardAction("checkin.submit", CheckIn(45, reportDate), replyToId: "act-1"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([("Ana Rep", reportDate, "45")], await CheckInsAsync());
        Assert.Equal(outbox.Select(r => r[0]), (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT key FROM outbox ORDER BY key")).Select(r => r[0]));
    }

    [Fact]
    public async Task A_submit_from_another_tenant_naming_this_tenants_member_card_and_date_is_stored_only_for_its_sender()
    {
        var homeDate = await OpenCheckInAsync(Activities.PersonalMessage("check in"));
        await _bot.PostAsync(Activities.CardAction("checkin.submit", CheckIn(32, homeDate), replyToId: "act-1"));
        var homeMember = (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT member_id FROM checkins"))[0][0];
        var homeRefs = await ReferencesAsync();
        _bot.Connector.Clear();

        var forged = CheckIn(99, homeDate);
        forged["memberId"] = homeMember;
        forged["teamId"] = homeMember;
        var submit = InOtherTenant(Activities.CardAction("checkin.submit", forged, replyToId: "act-1"));
        var response = await _bot.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("Ana Rep", homeDate, "32"), ("Bo Rep", homeDate, "99")],
            (await CheckInsAsync()).OrderBy(c => c.Member).ToList());
        // Ana's stored conversation is untouched, and nothing was sent to her chat.
        Assert.Equal(homeRefs.Where(r => r.Contains(TeamsActivities.PersonalConversation, StringComparison.Ordinal)),
            (await ReferencesAsync()).Where(r => r.Contains(TeamsActivities.PersonalConversation, StringComparison.Ordinal)));
        Assert.DoesNotContain(_bot.Connector.Calls, c => c.Path.Contains(TeamsActivities.PersonalConversation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_status_button_naming_a_rep_of_another_tenant_shows_nothing_of_that_rep()
    {
        await _bot.PostAsync(Activities.CardAction("checkin.submit", CheckIn(32, await OpenCheckInAsync(Activities.PersonalMessage("check in"))), replyToId: "act-1"));
        var ana = (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT member_id FROM checkins"))[0][0];
        await _bot.PostAsync(InOtherTenant(Activities.PersonalMessage("hello")));
        var anasCheckIns = await CheckInsAsync();
        _bot.Connector.Clear();

        var response = await _bot.PostAsync(InOtherTenant(Activities.CardAction("status", new JsonObject { ["form"] = "rep", ["member"] = ana })));
        var typed = await _bot.PostAsync(InOtherTenant(Activities.PersonalMessage("status ana")));

        var said = await response.Content.ReadAsStringAsync() + string.Concat(_bot.Connector.Calls.Select(c => c.Body?.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        Assert.DoesNotContain("Ana", said, StringComparison.Ordinal);
        Assert.DoesNotContain("32", said, StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Connector.Calls, c => c.Path.Contains(TeamsActivities.PersonalConversation, StringComparison.Ordinal));
        Assert.Equal(anasCheckIns, await CheckInsAsync());
    }

    [Fact]
    public async Task An_activity_whose_two_tenant_ids_disagree_is_refused_and_stores_nothing()
    {
        await _bot.PostAsync(Activities.PersonalMessage("hello"));
        var stored = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        _bot.Connector.Clear();
        var mixed = InOtherTenant(Activities.PersonalMessage("win booked a demo with Acme"));
        mixed["channelData"]!["tenant"]!["id"] = TeamsActivities.TenantId;

        var response = await _bot.PostAsync(mixed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenant", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task A_service_url_the_token_was_not_issued_for_is_refused_and_stores_nothing()
    {
        var stored = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        var moved = Activities.PersonalMessage("win booked a demo with Acme");
        moved["serviceUrl"] = new Uri(new Uri(_bot.Connector.ServiceUrl), "/emea/").ToString();

        var response = await _bot.PostAsync(moved);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task The_bot_added_to_a_team_after_the_first_channel_mention_greets_once_and_remembers_the_channel_once()
    {
        var mention = Activities.Base("message", TeamsActivities.ChannelConversation + ";messageid=1700000000003", "channel");
        mention["text"] = "<at>SalesBot</at> help";
        var added = Activities.BotAddedToTeam();

        await _bot.PostAsync(mention);
        await _bot.PostAsync(added);
        await _bot.PostAsync(added);

        var calls = _bot.Connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Single(calls, c => c.Path == $"v3/conversations/{TeamsActivities.ChannelConversation}/activities");
        Assert.Single(await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT owner_id FROM conversation_refs WHERE owner_kind = 'Team'"));
        Assert.Equal(1, await SqliteRows.CountAsync(_bot.DatabasePath, "members"));
    }

    [Fact]
    public async Task A_redelivered_check_in_arriving_after_its_correction_leaves_the_correction_standing()
    {
        var reportDate = await OpenCheckInAsync(Activities.PersonalMessage("check in"));
        var original = Activities.CardAction("checkin.submit", CheckIn(33, reportDate), replyToId: "act-1");
        await _bot.PostAsync(original);
        await _bot.PostAsync(Activities.PersonalMessage("calls 32, meetings 4, proposals 1"));

        await _bot.PostAsync(original); // Teams retries the first one late

        Assert.Equal([("Ana Rep", reportDate, "32")], await CheckInsAsync());
    }

    [Fact]
    public async Task A_documented_message_reaction_is_acknowledged_and_changes_nothing()
    {
        await _bot.PostAsync(Activities.PersonalMessage("win booked a demo with Acme"));
        var stored = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        _bot.Connector.Clear();
        // As in the Bot Framework docs' messageReaction sample: the reaction and the message it is on.
        var reaction = Activities.Base("messageReaction", TeamsActivities.PersonalConversation, "personal");
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        reaction["replyToId"] = "act-1";

        var response = await _bot.PostAsync(reaction);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
    }

    private JsonObject InOtherTenant(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = OtherUser, ["name"] = "Bo Rep", ["aadObjectId"] = "aad-bo" };
        activity["conversation"]!["tenantId"] = OtherTenant;
        activity["conversation"]!["id"] = OtherConversation;
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;
        return activity;
    }

    private static JsonObject CheckIn(int calls, string reportDate) => new()
    {
        ["calls"] = calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["meetings"] = "4",
        ["proposals"] = "1",
        ["plan"] = "Call Acme",
        ["blockers"] = "",
        ["reportDate"] = reportDate,
    };

    /// <summary>Sends the request for a form and gives the report date the form carries.</summary>
    private async Task<string> OpenCheckInAsync(JsonObject ask)
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.PostAsync(ask);
        return (string)_bot.Connector.Calls[before].Card!["actions"]![0]!["data"]!["reportDate"]!;
    }

    private async Task<List<(string Member, string Text)>> WinsAsync() =>
        [.. (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT json_extract(m.doc, '$.displayName'), json_extract(w.doc, '$.text') FROM wins w JOIN members m ON m.id = w.member_id"))
            .Select(r => (r[0], r[1]))];

    private async Task<List<(string Member, string Date, string Calls)>> CheckInsAsync() =>
        [.. (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT json_extract(m.doc, '$.displayName'), c.report_date, json_extract(c.doc, '$.values.calls') FROM checkins c JOIN members m ON m.id = c.member_id"))
            .Select(r => (r[0], r[1], r[2]))];

    private async Task<List<string>> ReferencesAsync() =>
        [.. (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT owner_kind || ':' || owner_id || ':' || doc FROM conversation_refs ORDER BY 1")).Select(r => r[0])];
}
