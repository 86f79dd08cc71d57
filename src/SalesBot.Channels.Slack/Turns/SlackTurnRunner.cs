using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Turns;

/// <summary>
/// Runs a turn through the conversation engine in its own scope. Interactive requests (which must
/// open a modal or return field errors within Slack's 3 seconds) wait for it up to the inline
/// budget; a turn that takes longer carries on in the background and answers in the DM.
/// </summary>
public sealed partial class SlackTurnRunner(
    IServiceScopeFactory scopes,
    SlackInboundEvents inboundEvents,
    SlackBackgroundWork work,
    TimeProvider time,
    IOptions<SlackOptions> options,
    ILogger<SlackTurnRunner> logger)
{
    public async Task<(InboundEvent Inbound, TurnResult Result)> RunAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        var inbound = await inboundEvents.CreateAsync(turn, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
        var result = await engine.HandleAsync(inbound, cancellationToken);
        return (inbound, result);
    }

    /// <summary>
    /// Returns the result if the turn finished within the inline budget; otherwise null, and
    /// <paramref name="late"/> gets the result when it comes (tracked as background work).
    /// </summary>
    public async Task<(InboundEvent Inbound, TurnResult Result)?> RunWithinBudgetAsync(
        SlackTurn turn,
        Func<InboundEvent, TurnResult, CancellationToken, Task> late)
    {
        ArgumentNullException.ThrowIfNull(late);
        var settings = options.Value;
        var timeout = new CancellationTokenSource(settings.BackgroundWorkTimeout);
        var running = RunAsync(turn, timeout.Token);
        using var budget = new CancellationTokenSource();
        var inTime = Task.Delay(settings.InlineBudget, time, budget.Token);
        if (await Task.WhenAny(running, inTime) == running)
        {
            await budget.CancelAsync();
            timeout.Dispose();
            return await running;
        }

        work.Track(ContinueLateAsync(running, late, timeout));
        return null;
    }

    private async Task ContinueLateAsync(
        Task<(InboundEvent Inbound, TurnResult Result)> running,
        Func<InboundEvent, TurnResult, CancellationToken, Task> late,
        CancellationTokenSource timeout)
    {
        using (timeout)
        {
            try
            {
                var (inbound, result) = await running;
                await late(inbound, result, timeout.Token);
            }
            catch (Exception ex)
            {
                LogLateTurnFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Error, Message = "A Slack turn that outlived its request failed")]
    private static partial void LogLateTurnFailed(ILogger logger, Exception exception);
}
