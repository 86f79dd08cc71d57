using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Ports;
using SalesBot.Scheduling;
using SalesBot.Storage.Sqlite;
using SalesBot.Testing;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

public sealed class DirectLineBadInputTests : IClassFixture<SalesBotAppFactory>
{
    private readonly SalesBotAppFactory _app;

    public DirectLineBadInputTests(SalesBotAppFactory app) => _app = app;

    private async Task<(HttpClient Http, string ConversationId)> StartAsync()
    {
        var http = _app.CreateClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        return (http, chat.ConversationId);
    }

    [Fact]
    public async Task Malformed_json_gets_400_with_a_reason()
    {
        var (http, id) = await StartAsync();

        var response = await http.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_with_a_reason()
    {
        var (http, id) = await StartAsync();
        var huge = new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "demo-ava" }, ["text"] = new string('x', 200_000) };

        var response = await http.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent(huge.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_without_a_sender_gets_400()
    {
        var (http, id) = await StartAsync();

        var response = await http.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent("{\"type\":\"message\",\"text\":\"hi\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_gets_401_and_nothing_is_written()
    {
        var (_, id) = await StartAsync();
        var stranger = _app.CreateClient();
        var body = "{\"type\":\"message\",\"from\":{\"id\":\"demo-diego\"},\"text\":\"calls 30, meetings 3, proposals 1\"}";

        var missing = await stranger.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent(body, Encoding.UTF8, "application/json"));
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged");
        var forged = await stranger.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<ICheckInStore>().GetAsync("demo-diego", TestData.Friday));
    }

    [Fact]
    public async Task A_bad_watermark_gets_400()
    {
        var (http, id) = await StartAsync();

        var response = await http.GetAsync($"/v3/directline/conversations/{id}/activities?watermark=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_absurd_value_in_chat_gets_a_clear_reply_and_nothing_is_written()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-diego", "calls 1000000, meetings 3, proposals 1");
        var reply = Assert.Single(await chat.BotRepliesAsync());

        Assert.Contains("looks like a typo", DirectLineClient.Words(reply), StringComparison.Ordinal);
        Assert.Null(await _app.Services.GetRequiredService<ICheckInStore>().GetAsync("demo-diego", TestData.Friday));
    }
}

public sealed class ProductionHostTests : IDisposable
{
    private readonly SalesBotAppFactory _app = new() { Environment = "Production" };

    [Fact]
    public async Task In_production_there_is_no_playground_and_no_demo_data()
    {
        var http = _app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/playground/")).StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<IOrganizationStore>().GetOrganizationAsync("demo"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>
/// Settings the Host refuses at start-up, checked on its own registrations with the validator the host
/// runs when it starts (a start failure inside WebApplicationFactory races its disposal).
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Scheduling:CatchUpGraceMinutes", "0")]
    [InlineData("Scheduling:SnoozeMinutes", "1")]
    [InlineData("Scheduling:SweepMinutes", "0")]
    [InlineData("Storage:Sqlite:Path", "")]
    public void A_bad_setting_stops_the_app_at_start_up_with_its_name(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["Scheduling:Enabled"] = "false" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSalesBotScheduling(configuration);
        services.AddSalesBotSqlite(configuration);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':')[^1], ex.Message, StringComparison.Ordinal);
    }
}
