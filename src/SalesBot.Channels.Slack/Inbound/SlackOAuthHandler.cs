using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// The OAuth v2 install flow for more than one workspace: <c>GET /slack/install</c> sends the admin
/// to Slack with a one-time <c>state</c> (kept in a cookie), and <c>GET /slack/oauth/callback</c>
/// checks it, exchanges the code with <c>oauth.v2.access</c> and commits the installation (the bot token by
/// team id) through the store, so every instance sees it.
/// </summary>
internal sealed partial class SlackOAuthHandler(
    SlackApiClient api,
    IStoreWriter writer,
    IOptions<SlackOptions> options,
    ILogger<SlackOAuthHandler> logger)
{
    public const string BotScopes = "app_mentions:read,channels:history,channels:read,chat:write,commands,groups:history,groups:read,im:history,im:read,im:write,mpim:history,users:read";
    private const string StateCookie = "salesbot_slack_oauth_state";

    public IResult Install(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || string.IsNullOrEmpty(settings.ClientId))
        {
            return Results.NotFound();
        }

        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/slack/oauth",
        });
        var url = "https://slack.com/oauth/v2/authorize?client_id=" + Uri.EscapeDataString(settings.ClientId) +
                  "&scope=" + Uri.EscapeDataString(BotScopes) + "&state=" + state;
        return Results.Redirect(url);
    }

    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || string.IsNullOrEmpty(settings.ClientId))
        {
            return Results.NotFound();
        }

        var query = context.Request.Query;
        if (query.ContainsKey("error"))
        {
            return Page(HttpStatusCode.BadRequest, "SalesBot was not installed: the installation was cancelled in Slack.");
        }

        var code = query["code"].ToString();
        var state = query["state"].ToString();
        var expected = context.Request.Cookies[StateCookie];
        if (code.Length == 0 || state.Length == 0 || expected is null ||
            !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(state), System.Text.Encoding.ASCII.GetBytes(expected)))
        {
            return Page(HttpStatusCode.BadRequest, "This install link has expired. Start again from the Add to Slack button.");
        }

        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/slack/oauth" });
        try
        {
            var installation = await api.ExchangeOAuthCodeAsync(code, null, context.RequestAborted);
            await writer.CommitAsync(changes => changes.PutInstallation(installation), context.RequestAborted);
            LogInstalled(logger, installation.WorkspaceId, installation.WorkspaceName);
            return Page(HttpStatusCode.OK, $"SalesBot is installed in {installation.WorkspaceName ?? installation.WorkspaceId}. Open Slack and find SalesBot under Apps.");
        }
        catch (SlackApiException ex)
        {
            LogInstallFailed(logger, ex.Error);
            return Page(HttpStatusCode.BadGateway, "Slack did not accept the installation (" + ex.Error + "). Please try again.");
        }
    }

    private static IResult Page(HttpStatusCode status, string message) =>
        Results.Content($"<!doctype html><meta charset=\"utf-8\"><title>SalesBot</title><p>{WebUtility.HtmlEncode(message)}</p>", "text/html", statusCode: (int)status);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "SalesBot installed in Slack team {TeamId} ({TeamName})")]
    private static partial void LogInstalled(ILogger logger, string teamId, string? teamName);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Slack OAuth install failed: {Error}")]
    private static partial void LogInstallFailed(ILogger logger, string error);
}
