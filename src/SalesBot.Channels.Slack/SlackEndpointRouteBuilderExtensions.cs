using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SalesBot.Channels.Slack.Inbound;

namespace SalesBot.Channels.Slack;

public static class SlackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /slack/events</c>, <c>/slack/commands</c>, <c>/slack/interactivity</c> (all signed),
    /// and the OAuth install flow <c>GET /slack/install</c> → <c>GET /slack/oauth/callback</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSalesBotSlack(this IEndpointRouteBuilder endpoints)
    {
        var slack = endpoints.MapGroup("/slack").WithTags("Slack");
        slack.MapPost("/events", (HttpContext context, SlackEventsHandler handler) => handler.HandleAsync(context));
        slack.MapPost("/commands", (HttpContext context, SlackCommandsHandler handler) => handler.HandleAsync(context));
        slack.MapPost("/interactivity", (HttpContext context, SlackInteractivityHandler handler) => handler.HandleAsync(context));
        slack.MapGet("/install", (HttpContext context, SlackOAuthHandler handler) => handler.Install(context));
        slack.MapGet("/oauth/callback", (HttpContext context, SlackOAuthHandler handler) => handler.CallbackAsync(context));
        return endpoints;
    }
}
