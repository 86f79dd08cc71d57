using System.Text.Json.Nodes;

namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>Builders for Teams-shaped activities, as the Teams service posts them to the bot.</summary>
public sealed class TeamsActivities(string serviceUrl, string appId)
{
    public const string TenantId = "72f988bf-0000-4000-8000-00000000c0de";
    public const string UserId = "29:1a-rep-ana";
    public const string UserAadId = "aad-ana";
    public const string PersonalConversation = "a:1personal-ana";
    public const string TeamId = "19:team-general@thread.tacv2";
    public const string ChannelConversation = "19:team-general@thread.tacv2";

    private int _ids;

    public string BotId => "28:" + appId;

    public JsonObject Base(string type, string conversationId, string conversationType, string? userId = UserId, string userName = "Ana Rep")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"1{Interlocked.Increment(ref _ids):D6}",
            ["timestamp"] = "2026-03-10T14:00:00.000Z",
            ["localTimestamp"] = "2026-03-10T09:00:00.000-05:00",
            ["localTimezone"] = "America/New_York",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = userId is null ? null : new JsonObject { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = UserAadId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "SalesBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = TenantId,
                ["isGroup"] = conversationType != "personal" ? true : null,
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-US",
        };
        if (conversationType == "channel")
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "West Sales" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = ChannelConversation, ["name"] = "General" };
        }

        return activity;
    }

    public JsonObject PersonalMessage(string text)
    {
        var activity = Base("message", PersonalConversation, "personal");
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "America/New_York",
        });
        return activity;
    }

    /// <summary>An Action.Execute press: <c>invoke adaptiveCard/action</c> with the card's inputs in <c>data</c>.</summary>
    public JsonObject CardAction(string verb, JsonObject data, string replyToId = "card-1")
    {
        var activity = Base("invoke", PersonalConversation, "personal");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        data["verb"] = verb;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "submit", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>An Action.Submit press: a message with the card's data in <c>value</c> and the card's id in <c>replyToId</c>.</summary>
    public JsonObject CardSubmit(string verb, JsonObject data, string replyToId)
    {
        var activity = Base("message", PersonalConversation, "personal");
        activity["replyToId"] = replyToId;
        data["verb"] = verb;
        activity["value"] = data;
        return activity;
    }

    public JsonObject PersonalInstall(string userId = UserId, string conversationId = PersonalConversation, string name = "Ana Rep")
    {
        var activity = Base("installationUpdate", conversationId, "personal", userId, name);
        activity["action"] = "add";
        return activity;
    }

    public JsonObject BotAddedToTeam()
    {
        var activity = Base("conversationUpdate", ChannelConversation, "channel");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    public JsonObject MembersAddedToTeam(params string[] names)
    {
        var activity = Base("conversationUpdate", ChannelConversation, "channel");
        activity["membersAdded"] = new JsonArray(names.Select((n, i) => (JsonNode)new JsonObject { ["id"] = $"29:new-{i}", ["name"] = n }).ToArray());
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }
}
