using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Scheduling;
using SalesBot.Host.Http;

namespace SalesBot.Host.Playground;

/// <summary>
/// Development only: <c>GET /playground/api/clock</c> tells the playground's time, and <c>POST</c> moves it
/// forward (<c>{"advanceMinutes": 60}</c>, or <c>{"to": "next"}</c> for the next scheduled message), then
/// runs the schedule and the outbox at once, so what came due arrives while the person watches.
/// </summary>
public static class PlaygroundClockEndpoints
{
    private const int MaxAdvanceMinutes = 60 * 24 * 45;
    private const int MaxDispatchRounds = 20;
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public sealed record MoveRequest(int? AdvanceMinutes, string? To);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/playground/api/clock", (PlaygroundClock clock) => Results.Ok(Describe(clock, null)));
        routes.MapPost("/playground/api/clock", MoveAsync);
    }

    private static async Task<IResult> MoveAsync(HttpRequest http, PlaygroundClock clock, IServiceScopeFactory scopes, IScheduleSignal signal,
        CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<MoveRequest>(http, 1024, Json, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (request is null || (request.AdvanceMinutes is null) == (request.To is null))
        {
            return Results.BadRequest(new { error = "Send {\"advanceMinutes\": N} or {\"to\": \"next\"}." });
        }

        if (request.AdvanceMinutes is { } minutes && (minutes < 1 || minutes > MaxAdvanceMinutes))
        {
            return Results.BadRequest(new { error = $"advanceMinutes must be between 1 and {MaxAdvanceMinutes}." });
        }

        if (request.To is { } to && !to.Equals("next", StringComparison.Ordinal))
        {
            return Results.BadRequest(new { error = "\"to\" can only be \"next\": the next scheduled message." });
        }

        await using var scope = scopes.CreateAsyncScope();
        var prompts = scope.ServiceProvider.GetRequiredService<ScheduledPrompts>();
        var by = Duration.FromMinutes(request.AdvanceMinutes ?? 0);
        if (request.To is not null)
        {
            var next = (await prompts.RunDueAsync(cancellationToken)).NextDue;
            if (next is null)
            {
                return Results.BadRequest(new { error = "Nothing is scheduled in the next few weeks." });
            }

            by = Duration.Max(Duration.Zero, next.Value - clock.GetCurrentInstant());
        }

        clock.Advance(by);
        signal.SchedulesChanged();
        var run = await prompts.RunDueAsync(cancellationToken);
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var sent = 0;
        for (var round = 0; round < MaxDispatchRounds; round++)
        {
            var batch = await dispatcher.DispatchDueAsync(cancellationToken);
            sent += batch;
            if (batch == 0)
            {
                break;
            }
        }

        return Results.Ok(Describe(clock, new { queued = run.Queued, skipped = run.Skipped, sent }));
    }

    private static object Describe(PlaygroundClock clock, object? moved) => new
    {
        now = clock.GetCurrentInstant().ToString(),
        offsetMinutes = (long)clock.Offset.TotalMinutes,
        moved,
    };
}
