using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Channels.Teams.Tests;

public sealed class OptionsTests
{
    public static TheoryData<string, string, string[]> BadSettings() => new()
    {
        { "Production", "local mode outside Development", ["Teams:AllowUnauthenticatedLocalRequests=true"] },
        { "Staging", "local mode outside Development", ["Teams:AllowUnauthenticatedLocalRequests=true"] },
        { "Production", "SingleTenant without tenant", ["MicrosoftAppId=app", "MicrosoftAppPassword=secret"] },
        { "Production", "SingleTenant without password", ["MicrosoftAppId=app", "MicrosoftAppTenantId=tenant"] },
        { "Production", "MultiTenant without password", ["MicrosoftAppType=MultiTenant", "MicrosoftAppId=app"] },
        { "Production", "MSI with a password", ["MicrosoftAppType=UserAssignedMSI", "MicrosoftAppId=app", "MicrosoftAppTenantId=tenant", "MicrosoftAppPassword=secret"] },
        { "Production", "MSI without tenant", ["MicrosoftAppType=UserAssignedMSI", "MicrosoftAppId=app"] },
        { "Production", "unknown app type", ["MicrosoftAppType=Anonymous", "MicrosoftAppId=app"] },
        { "Production", "plain http metadata", ["Teams:OpenIdMetadataUrl=http://keys.example.com/openid"] },
        { "Production", "plain http authority", ["Teams:AuthorityHost=http://127.0.0.1:5000"] },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_app_refuses_to_start_with(string environment, string because, string[] settings)
    {
        using var host = BuildHost(environment, settings);

        var error = await Record.ExceptionAsync(() => host.StartAsync());

        Assert.True(error is OptionsValidationException, $"{because}: expected a start-up failure, got {error?.GetType().Name ?? "none"}");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development", "Teams:AllowUnauthenticatedLocalRequests=true")]
    [InlineData("Production", "MicrosoftAppType=MultiTenant", "MicrosoftAppId=app", "MicrosoftAppPassword=secret")]
    [InlineData("Production", "MicrosoftAppType=UserAssignedMSI", "MicrosoftAppId=app", "MicrosoftAppTenantId=tenant")]
    [InlineData("Production", "MicrosoftAppId=app", "MicrosoftAppPassword=secret", "MicrosoftAppTenantId=tenant")]
    public async Task The_app_starts_with(string environment, params string[] settings)
    {
        using var host = BuildHost(environment, settings);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_an_app_id_every_request_is_refused_even_without_a_token()
    {
        await using var bot = await TeamsBot.StartAsync(new() { ["MicrosoftAppId"] = null, ["MicrosoftAppPassword"] = null });

        var withToken = await bot.PostAsync(bot.Activities.PersonalMessage("help"));
        var withoutToken = await bot.PostRawAsync(bot.Activities.PersonalMessage("help").ToJsonString(), token: "");

        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Empty(bot.Connector.Calls);
    }

    [Fact]
    public async Task A_multi_tenant_bot_asks_the_botframework_com_tenant_for_its_tokens()
    {
        await using var bot = await TeamsBot.StartAsync(new() { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppTenantId"] = null });

        var response = await bot.PostAsync(bot.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/botframework.com/oauth2/v2.0/token", bot.Issuer.LastTokenPath);
        Assert.Equal("local-secret", bot.Issuer.LastTokenRequest!["client_secret"]);
    }

    [Fact]
    public async Task Local_mode_in_development_accepts_the_emulator_without_tokens_and_sends_none()
    {
        await using var bot = await TeamsBot.StartAsync(
            new() { ["MicrosoftAppId"] = null, ["MicrosoftAppPassword"] = null, ["Teams:AllowUnauthenticatedLocalRequests"] = "true" },
            environment: "Development");
        var activity = bot.Activities.PersonalMessage("help");
        activity["channelId"] = "emulator";

        var response = await bot.PostRawAsync(activity.ToJsonString(), token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(bot.Connector.Calls);
        Assert.Equal("", reply.Authorization);
        Assert.Equal(0, bot.Issuer.TokenRequests);
    }

    private static IHost BuildHost(string environment, string[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1])));
        builder.Configuration["Storage:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), $"salesbot-options-{Guid.NewGuid():N}.db");
        builder.Services.AddSalesBotConversations();
        builder.Services.AddSalesBotSqlite(builder.Configuration);
        builder.Services.AddSalesBotTeams(builder.Configuration);
        return builder.Build();
    }
}
