using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Host.Admin;
using SalesBot.Testing;
using SalesBot.Testing.Web;
using static SalesBot.Testing.PostBuilder;

namespace SalesBot.Host.Tests;

/// <summary>The operators' outbox endpoints over the Host's SQLite store, behind <c>Admin:Key</c>.</summary>
public sealed class AdminOutboxTests : IAsyncLifetime
{
    private const string Key = "test-admin-key-0123456789-abcdefghij";
    private readonly SalesBotAppFactory _app = new() { Settings = { ["Admin:Key"] = Key, ["Demo:Enabled"] = "false" } };
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        await _app.Services.GetRequiredService<IStoreWriter>().CommitAsync(c => c
            .Enqueue(APost("sent").WithStatus(OutboxStatus.Sent))
            .Enqueue(APost("ava-lost").DeadLettered("Member rep-1 has no chat with SalesBot.").QueuedAt(_app.Clock.GetCurrentInstant() - NodaTime.Duration.FromHours(2)))
            .Enqueue(APost("ben-failed").To("rep-2").Failed("403 Forbidden").QueuedAt(_app.Clock.GetCurrentInstant() - NodaTime.Duration.FromHours(1)))
            .Enqueue(APost("other-team").To("rep-9").InTeam("team-2").DeadLettered().QueuedAt(_app.Clock.GetCurrentInstant() - NodaTime.Duration.FromHours(3))));
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_outbox_view_shows_counts_and_the_latest_problems_newest_first()
    {
        var body = await GetJsonAsync("/admin/outbox");

        Assert.Equal(2, (int)body["counts"]!["deadLettered"]!);
        Assert.Equal(1, (int)body["counts"]!["failed"]!);
        Assert.Equal(1, (int)body["counts"]!["sent"]!);
        Assert.Equal("problems", (string)body["status"]!);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["ben-failed", "ava-lost", "other-team"], messages.Select(m => (string)m!["key"]!));
        var ben = messages[0]!;
        Assert.Equal(("failed", "member", "rep-2", "team-1", 8, "403 Forbidden"),
            ((string)ben["status"]!, (string)ben["recipient"]!["kind"]!, (string)ben["recipient"]!["id"]!, (string)ben["team"]!, (int)ben["attempts"]!, (string)ben["lastError"]!));
        Assert.Equal("2026-11-23T13:00:00Z", (string)ben["createdAt"]!);
    }

    [Fact]
    public async Task The_outbox_view_narrows_to_one_team_one_status_and_a_maximum()
    {
        var team2 = await GetJsonAsync("/admin/outbox?team=team-2");
        var sent = await GetJsonAsync("/admin/outbox?status=Sent");
        var one = await GetJsonAsync("/admin/outbox?max=1");

        Assert.Equal(["other-team"], team2["messages"]!.AsArray().Select(m => (string)m!["key"]!));
        Assert.Equal(0, (int)team2["counts"]!["sent"]!);
        Assert.Equal(["sent"], sent["messages"]!.AsArray().Select(m => (string)m!["key"]!));
        Assert.Equal(["ben-failed"], one["messages"]!.AsArray().Select(m => (string)m!["key"]!));
    }

    [Fact]
    public async Task Operators_see_delivery_state_and_configuration_never_what_a_message_says()
    {
        // Issue 10: admins see configuration, not content. A rep's numbers and blockers in a queued post stay out of every admin view.
        OutboxMessage digest = APost("digest:mgr-1:2026-11-23").To("mgr-1").Failed("500 Internal Server Error");
        digest = digest with { Message = Conversations.Messages.OutboundMessage.Plain("Ava: calls 33 of 30. Blocker: waiting on legal for the Contoso MSA") };
        await _app.Services.GetRequiredService<IStoreWriter>().CommitAsync(c => c.Enqueue(digest));

        var views = new[] { "/admin/outbox", "/admin/outbox?status=failed", "/admin/outbox?team=team-1", "/admin/runtime" };
        foreach (var view in views)
        {
            var response = await _http.GetAsync(view);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("waiting on legal", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("calls 33", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("digest:mgr-1:2026-11-23", await _http.GetStringAsync("/admin/outbox?status=failed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_a_dead_letter_puts_it_back_to_pending_due_now()
    {
        var response = await _http.PostAsync("/admin/outbox/ava-lost/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("retried", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["outcome"]!);
        var post = await _app.Services.GetRequiredService<IOutbox>().GetAsync("ava-lost");
        Assert.Equal((OutboxStatus.Pending, 0, _app.Clock.GetCurrentInstant()), (post!.Status, post.Attempts, post.NextAttemptAt));
    }

    [Fact]
    public async Task Retrying_a_sent_post_is_refused_with_409_and_an_unknown_one_is_404()
    {
        var sent = await _http.PostAsync("/admin/outbox/sent/retry", null);
        var unknown = await _http.PostAsync("/admin/outbox/nothing-here/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, sent.StatusCode);
        Assert.Contains("sent already", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await _app.Services.GetRequiredService<IOutbox>().GetAsync("sent"))!.Status);
    }

    [Theory]
    [InlineData(null, "key is required")]
    [InlineData("Bearer not-the-key", "not valid")]
    [InlineData("Bearer test-admin-key-0123456789-abcdefghiJ", "not valid")]
    [InlineData("Basic dXNlcjpwYXNz", "key is required")]
    public async Task A_missing_or_wrong_key_gets_401_with_a_reason_and_changes_nothing(string? authorization, string reason)
    {
        using var http = _app.CreateClient();
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var view = await http.GetAsync("/admin/outbox");
        var retry = await http.PostAsync("/admin/outbox/ava-lost/retry", null);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (view.StatusCode, retry.StatusCode));
        Assert.Contains(reason, await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.DeadLettered, (await _app.Services.GetRequiredService<IOutbox>().GetAsync("ava-lost"))!.Status);
    }

    [Fact]
    public async Task The_key_may_come_in_the_x_admin_key_header()
    {
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add(AdminKey.HeaderName, Key);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/admin/outbox")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/outbox?status=lost", "Unknown status")]
    [InlineData("/admin/outbox?status=3", "Unknown status")]
    [InlineData("/admin/outbox?max=0", "from 1 to 100")]
    [InlineData("/admin/outbox?max=101", "from 1 to 100")]
    [InlineData("/admin/outbox?max=ten", "from 1 to 100")]
    [InlineData("/admin/outbox?max=99999999999999999999", "from 1 to 100")]
    [InlineData("/admin/outbox?team=a%00b", "control characters")]
    public async Task Bad_query_values_get_400_with_a_reason(string url, string reason)
    {
        var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_or_key_too_long_gets_400()
    {
        var team = await _http.GetAsync("/admin/outbox?team=" + new string('t', 600));
        var key = await _http.PostAsync($"/admin/outbox/{new string('k', 600)}/retry", null);
        var control = await _http.PostAsync("/admin/outbox/a%01b/retry", null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (team.StatusCode, key.StatusCode, control.StatusCode));
        Assert.Contains("longer than 512", await key.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> GetJsonAsync(string url)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}

/// <summary>Whether the operators' endpoints exist, and the keys the Host refuses to start with.</summary>
public sealed class AdminKeyOptionsTests
{
    [Fact]
    public async Task Without_a_key_the_admin_endpoints_are_not_there()
    {
        using var app = new SalesBotAppFactory();
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/admin/outbox/x/retry", null)).StatusCode);
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData(" test-admin-key-0123456789-abcdefghij ")]
    [InlineData("test-admin-key-0123456789-abcdef\u0001hij")]
    public void A_short_or_odd_key_stops_the_host_at_start_up(string key)
    {
        using var services = Register(key);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AdminOptions>>().Value);

        Assert.Contains("at least 32 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_key_is_accepted()
    {
        using var services = Register(new string('k', 32));

        Assert.True(services.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled);
    }

    private static ServiceProvider Register(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Key"] = key }).Build();
        return new ServiceCollection().AddSalesBotAdmin(configuration).BuildServiceProvider();
    }
}
