using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

public sealed class PlaygroundClockTests : IAsyncLifetime
{
    private readonly SalesBotAppFactory _app = new() { MovablePlaygroundClock = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonObject Body)> MoveAsync(object body)
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/playground/api/clock", body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task Moving_to_the_next_scheduled_message_delivers_the_reps_nine_o_clock_prompt_into_her_open_chat()
    {
        var ava = new DirectLineClient(_app.CreateClient());
        await ava.StartAsync();
        await ava.SayAsync("demo-ava", "hi");
        await ava.BotRepliesAsync();

        var (status, body) = await MoveAsync(new { to = "next" });

        Assert.Equal(HttpStatusCode.OK, status);
        var prompt = Assert.Single(await ava.BotRepliesAsync());
        Assert.StartsWith("Good morning Ava Patel!", DirectLineClient.Words(prompt), StringComparison.Ordinal);
        Assert.True(body["moved"]!["sent"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task The_clock_moves_forward_by_the_minutes_asked_and_says_where_it_is()
    {
        var (status, body) = await MoveAsync(new { advanceMinutes = 90 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-11-23T15:30:00Z", body["now"]!.GetValue<string>());
        Assert.Equal(90, body["offsetMinutes"]!.GetValue<long>());
        var read = await _app.CreateClient().GetFromJsonAsync<JsonObject>("/playground/api/clock");
        Assert.Equal("2026-11-23T15:30:00Z", read!["now"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"advanceMinutes\": 0}")]
    [InlineData("{\"advanceMinutes\": -60}")]
    [InlineData("{\"advanceMinutes\": 99999999}")]
    [InlineData("{\"to\": \"yesterday\"}")]
    [InlineData("{\"advanceMinutes\": 5, \"to\": \"next\"}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"advanceMinutes\": \"soon\"}")]
    public async Task A_move_that_is_not_understood_gets_a_400_with_a_reason_and_time_stays(string json)
    {
        var response = await _app.CreateClient().PostAsync("/playground/api/clock", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        var read = await _app.CreateClient().GetFromJsonAsync<JsonObject>("/playground/api/clock");
        Assert.Equal(0, read!["offsetMinutes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Outside_development_the_clock_cannot_be_moved_even_with_the_playground_on()
    {
        await using var production = new SalesBotAppFactory { Environment = "Production" };
        production.Settings["Playground:Enabled"] = "true";
        production.Settings["Demo:Seed"] = "true";

        var response = await production.CreateClient().PostAsJsonAsync("/playground/api/clock", new { advanceMinutes = 60 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
