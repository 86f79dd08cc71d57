using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesBot.Bench.References;

/// <summary>
/// Reference 1, the ceiling of the web stack: Kestrel parses the activity and answers 200. No auth, no
/// store, no reply: what any ASP.NET Core bot pays before it does anything of its own.
/// </summary>
internal static class MinimalKestrel
{
    public static void Map(WebApplication app) =>
        app.MapPost("/api/messages", async (HttpContext context) =>
        {
            using var activity = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return activity.RootElement.TryGetProperty("type", out _) ? Results.Ok() : Results.BadRequest();
        });
}
