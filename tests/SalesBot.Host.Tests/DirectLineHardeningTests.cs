using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>The playground's Direct Line under resends, odd input, failing turns and many team ids.</summary>
public sealed class DirectLineHardeningTests : IDisposable
{
    private readonly SalesBotAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_same_activity_posted_twice_stores_one_win()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "client-activity-7",
            ["from"] = new JsonObject { ["id"] = "demo-ava" },
            ["text"] = "win booked a resend-proof demo with Northwind",
            ["channelData"] = new JsonObject { ["clientActivityID"] = "1700000000000abcdef" },
        };

        var first = await chat.PostAsync(activity);
        var second = await chat.PostAsync((JsonObject)activity.DeepClone());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.ToString(), (await second.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.ToString());
        var wins = await _app.Services.GetRequiredService<IWinStore>().ListForMemberAsync("demo-ava", Instant.MinValue, Instant.MaxValue);
        Assert.Single(wins, w => w.Text.Contains("resend-proof", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"from\":{\"id\":\"demo-ava\"},\"text\":\"win \\ud800\"}")]
    [InlineData("{\"type\":\"message\",\"type\":\"event\",\"from\":{\"id\":\"demo-ava\"},\"text\":\"help\"}")]
    [InlineData("{\"type\":\"message\",\"from\":{\"id\":\"demo-ava\\u0000\"},\"text\":\"help\"}")]
    public async Task An_odd_activity_gets_a_400_and_the_conversation_still_reads_from_the_start(string body)
    {
        var http = _app.CreateClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();

        var posted = await http.PostAsync($"/v3/directline/conversations/{chat.ConversationId}/activities", new StringContent(body, Encoding.UTF8, "application/json"));
        var read = await http.GetAsync($"/v3/directline/conversations/{chat.ConversationId}/activities");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty((await read.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray());
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("9999999999999999999")]
    [InlineData("\"\u202e\u200b\"")]
    public async Task An_absurd_value_gets_an_answer_and_the_conversation_still_reads(string value)
    {
        var http = _app.CreateClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        var body = "{\"type\":\"message\",\"from\":{\"id\":\"demo-ava\"},\"value\":{\"verb\":\"checkin.submit\",\"calls\":" + value + "}}";

        var posted = await http.PostAsync($"/v3/directline/conversations/{chat.ConversationId}/activities", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotEmpty(await chat.BotRepliesAsync());
    }

    [Fact]
    public async Task A_turn_that_fails_leaves_a_readable_chat_with_an_apology_and_the_next_message_is_answered()
    {
        using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(FailOn("break this turn")));
        var http = app.CreateClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();

        var failed = await chat.PostAsync(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "demo-ava" }, ["text"] = "break this turn" });
        var read = await http.GetAsync($"/v3/directline/conversations/{chat.ConversationId}/activities");
        await chat.SayAsync("demo-ava", "help");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var replies = await chat.BotRepliesAsync();
        Assert.Contains(replies, r => DirectLineClient.Words(r).Contains("try again", StringComparison.Ordinal));
        Assert.Contains(replies, r => !DirectLineClient.Words(r).Contains("try again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Team_channel_conversations_are_evicted_past_max_conversations()
    {
        _app.Settings["Playground:MaxConversations"] = "5";
        var http = _app.CreateClient();
        var firstToken = await TokenForTeamAsync(http, "team-0");
        for (var i = 1; i <= 20; i++)
        {
            await TokenForTeamAsync(http, $"team-{i}");
        }

        using var resume = new HttpRequestMessage(HttpMethod.Get, "/v3/directline/conversations/team-team-0");
        resume.Headers.Authorization = new AuthenticationHeaderValue("Bearer", firstToken);
        var response = await http.SendAsync(resume);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("T1%00")]
    [InlineData("T1%E2%80%8B")]
    public async Task A_team_id_with_a_control_or_zero_width_character_gets_a_400(string teamId)
    {
        var response = await _app.CreateClient().PostAsync($"/v3/directline/tokens/generate?teamId={teamId}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> TokenForTeamAsync(HttpClient http, string teamId)
    {
        var response = await http.PostAsync($"/v3/directline/tokens/generate?teamId={teamId}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.ToString();
    }

    /// <summary>The real engine, failing (as a store outage would) on one text.</summary>
    private static Action<IServiceCollection> FailOn(string text) => services =>
    {
        var real = services.Single(d => d.ServiceType == typeof(IConversationEngine));
        services.Add(new ServiceDescriptor(real.ImplementationType!, real.ImplementationType!, real.Lifetime));
        services.Replace(new ServiceDescriptor(typeof(IConversationEngine),
            sp => new FailingOn(text, (IConversationEngine)sp.GetRequiredService(real.ImplementationType!)), real.Lifetime));
    };

    private sealed class FailingOn(string text, IConversationEngine engine) : IConversationEngine
    {
        public Task<TurnResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken = default) =>
            inbound.Text == text ? throw new InvalidOperationException("The store is unavailable.") : engine.HandleAsync(inbound, cancellationToken);
    }
}
