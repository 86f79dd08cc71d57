using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Slack.Work;

/// <summary>Runs queued Slack work a few at a time, each in its own scope and within its time bound.</summary>
internal sealed partial class SlackBackgroundWorker(
    SlackBackgroundWork work,
    IServiceScopeFactory scopes,
    IOptions<SlackOptions> options,
    ILogger<SlackBackgroundWorker> logger) : BackgroundService
{
    private const int Workers = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(options.Value.BackgroundWorkTimeout);
                    await using var scope = scopes.CreateAsyncScope();
                    await item.Run(scope.ServiceProvider, timeout.Token);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, item.Name, ex);
                }
                finally
                {
                    work.Finished();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Slack background work {Name} failed")]
    private static partial void LogFailed(ILogger logger, string name, Exception exception);
}
