using Microsoft.Extensions.Logging;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Outbound;

/// <summary>Opens a form as a modal with <c>views.open</c>; the trigger id is single-use and valid for about 3 seconds.</summary>
public sealed partial class SlackModals(SlackApiClient api, ILogger<SlackModals> logger)
{
    private static readonly TimeSpan TriggerLifetime = TimeSpan.FromSeconds(2.5);

    /// <summary>True when the modal opened; false when the trigger had expired or Slack refused, so the caller can fall back to a button.</summary>
    public async Task<bool> TryOpenAsync(string teamId, string triggerId, OutboundMessage message, ModalMetadata metadata, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TriggerLifetime);
        try
        {
            await api.OpenViewAsync(teamId, triggerId, BlockKitViewRenderer.Modal(message, metadata), timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNotOpened(logger, message.Form?.Verb, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Could not open the {Verb} modal: {Reason}")]
    private static partial void LogNotOpened(ILogger logger, string? verb, string reason);
}
