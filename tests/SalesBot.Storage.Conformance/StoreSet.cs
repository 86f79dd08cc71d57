using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Conformance;

/// <summary>One implementation's stores, as the conformance suite sees them.</summary>
public sealed record StoreSet(
    IStoreWriter Writer,
    IOrganizationStore Organizations,
    IMemberStore Members,
    ICheckInStore CheckIns,
    IWinStore Wins,
    IReflectionStore Reflections,
    IConversationReferenceStore References,
    IOutbox Outbox,
    IEventLog Events,
    IScheduleIndex Schedule,
    IInstallationStore Installations,
    IOutboxAdmin OutboxAdmin,
    IRollupStore Rollups)
{
    public required IKudosStore Kudos { get; init; }

    public Task CommitAsync(Action<ChangeSet> stage) => Writer.CommitAsync(stage);
}
