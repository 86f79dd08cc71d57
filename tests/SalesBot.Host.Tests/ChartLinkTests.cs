using System.Buffers.Binary;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Http.Charts;
using SalesBot.Conversations.Messages;
using SalesBot.Testing;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// The charts of the playground's status views, fetched over HTTP from the Host the way Web Chat,
/// Teams and Slack fetch them, and every way a chart address can be wrong.
/// </summary>
public sealed class ChartLinkTests : IClassFixture<SalesBotAppFactory>
{
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
    private readonly SalesBotAppFactory _app;

    public ChartLinkTests(SalesBotAppFactory app) => _app = app;

    [Theory]
    [InlineData("status week")]
    [InlineData("status month")]
    [InlineData("status ava")]
    public async Task The_managers_status_view_carries_a_chart_the_host_serves_as_an_800_by_400_png(string command)
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-morgan", command);
        var image = Images(Assert.Single(await chat.BotRepliesAsync())).Single();
        var url = image["url"]!.GetValue<string>();
        var response = await _app.CreateClient().GetAsync(url);

        Assert.StartsWith(ChartLinks.PathPrefix, url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(image["altText"]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: > 0 and <= 3600 }, $"Cache-Control: {response.Headers.CacheControl}");
        var png = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("SALESBOT_CHART_OUT") is { Length: > 0 } folder)
        {
            // To look at the demo's charts: SALESBOT_CHART_OUT=/tmp/charts dotnet test --filter ChartLink
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"demo-{command.Replace(' ', '-')}.png"), png);
        }

        Assert.Equal((800, 400), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))));
    }

    [Fact]
    public async Task A_rep_asking_for_another_reps_numbers_gets_no_chart_and_their_own_view_charts_only_their_days()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-ava", "status @ben");
        Assert.Empty(Images(Assert.Single(await chat.BotRepliesAsync())));

        await chat.SayAsync("demo-ava", "status week");
        var url = Images(Assert.Single(await chat.BotRepliesAsync())).Single()["url"]!.GetValue<string>();
        var chart = Links().Check(DataOf(url), Query(url, "exp"), Query(url, "sig")).Chart!;
        Assert.StartsWith("Ava Patel", chart.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(chart.Labels.Concat(chart.Series.Select(s => s.Name)), t => t.Contains("Ben", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, HttpStatusCode, string> Broken => new()
    {
        { "a changed chart", "data", HttpStatusCode.Forbidden, "signature does not match" },
        { "a changed signature", "sig", HttpStatusCode.Forbidden, "signature does not match" },
        { "a changed expiry", "exp", HttpStatusCode.Forbidden, "signature does not match" },
        { "no signature", "nosig", HttpStatusCode.Forbidden, "not signed" },
        { "no expiry", "noexp", HttpStatusCode.Forbidden, "not signed" },
        { "a repeated expiry", "twoexp", HttpStatusCode.Forbidden, "not signed" },
        { "data that is no chart", "junk", HttpStatusCode.NotFound, "No such chart" },
        { "another extension", "svg", HttpStatusCode.NotFound, "No such chart" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_chart_link_that_was_tampered_with_or_is_unsigned_is_refused_with_the_reason(string what, string change, HttpStatusCode status, string reason)
    {
        var good = Links().PathFor(ChartSamples.TeamWeek())!;
        var data = DataOf(good);
        var (exp, sig) = (Query(good, "exp"), Query(good, "sig"));
        var url = change switch
        {
            "data" => $"/charts/{Flip(data)}.png?exp={exp}&sig={sig}",
            "sig" => $"/charts/{data}.png?exp={exp}&sig={Flip(sig)}",
            "exp" => $"/charts/{data}.png?exp={long.Parse(exp, System.Globalization.CultureInfo.InvariantCulture) + 3600}&sig={sig}",
            "nosig" => $"/charts/{data}.png?exp={exp}",
            "noexp" => $"/charts/{data}.png?sig={sig}",
            "twoexp" => $"/charts/{data}.png?exp={exp}&exp={exp}&sig={sig}",
            "junk" => $"/charts/not%20base64!.png?exp={exp}&sig={sig}",
            _ => $"/charts/{data}.svg?exp={exp}&sig={sig}",
        };

        var response = await _app.CreateClient().GetAsync(url);

        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_link_stops_working_when_its_lifetime_is_over()
    {
        using var app = new SalesBotAppFactory();
        var path = app.Services.GetRequiredService<ChartLinks>().PathFor(ChartSamples.RepMonth())!;
        var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);

        app.Clock.Advance(Duration.FromTimeSpan(new ChartLinkOptions().LinkLifetime));
        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_link_signed_with_another_key_is_refused()
    {
        var elsewhere = new ChartLinks(Options.Create(new ChartLinkOptions { SigningKey = Key }), _app.Clock);

        var response = await _app.CreateClient().GetAsync(elsewhere.PathFor(ChartSamples.TeamWeek()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void A_link_carries_the_chart_exactly_and_is_absolute_under_the_public_base_url()
    {
        var links = new ChartLinks(Options.Create(new ChartLinkOptions { SigningKey = Key, PublicBaseUrl = new Uri("https://bot.example.com/") }), _app.Clock);
        var chart = ChartSamples.RepMonth();

        var url = links.UrlFor(chart)!;
        var back = links.Check(DataOf(url), Query(url, "exp"), Query(url, "sig")).Chart!;

        Assert.StartsWith("https://bot.example.com/charts/", url, StringComparison.Ordinal);
        Assert.True(url.Length < 3000, $"{url.Length} characters: over Slack's image_url limit");
        Assert.Equal(MessageJson.Serialize(chart), MessageJson.Serialize(back));
        Assert.Null(new ChartLinks(Options.Create(new ChartLinkOptions()), _app.Clock).UrlFor(chart));
    }

    [Fact]
    public void A_chart_too_big_for_an_address_gets_none_rather_than_a_broken_one()
    {
        var huge = ChartSamples.TeamWeek() with
        {
            Labels = [.. Enumerable.Range(0, 31).Select(i => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))],
            Series = [.. Enumerable.Range(0, 6).Select(s => new ChartSeries(Guid.NewGuid().ToString("N"), [.. Enumerable.Range(0, 31).Select(i => (double?)Random.Shared.Next())]))],
        };

        Assert.Null(Links().PathFor(huge));
    }

    [Theory]
    [InlineData("Charts:PublicBaseUrl", "http://bot.example.com", "PublicBaseUrl")]
    [InlineData("Charts:PublicBaseUrl", "https://bot.example.com/?x=1", "PublicBaseUrl")]
    [InlineData("Charts:SigningKey", "c2hvcnQ=", "SigningKey")]
    [InlineData("Charts:LinkLifetime", "00:00:30", "LinkLifetime")]
    [InlineData("Delivery:InstanceCount", "2", "SigningKey must be set")]
    public void Chart_settings_that_cannot_work_stop_the_host_at_start_up(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Charts:PublicBaseUrl"] = "https://bot.example.com", [key] = value };
        using var services = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(TestData.MondayMorningInNewYork))
            .AddSalesBotChartLinks(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChartLinkOptions>>().Value);

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private ChartLinks Links() => _app.Services.GetRequiredService<ChartLinks>();

    private static IEnumerable<JsonObject> Images(JsonObject activity) =>
        DirectLineClient.Card(activity)?["body"]?.AsArray().Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>() == "Image") ?? [];

    private static string DataOf(string url)
    {
        var path = url.Split('?')[0];
        return path[(path.LastIndexOf('/') + 1)..^".png".Length];
    }

    private static string Query(string url, string name) =>
        url.Split('?')[1].Split('&').Select(p => p.Split('=')).Single(p => p[0] == name)[1];

    /// <summary>The same text with one character changed, still base64url.</summary>
    private static string Flip(string text) => text[..^2] + (text[^2] == 'A' ? 'B' : 'A') + text[^1];
}
