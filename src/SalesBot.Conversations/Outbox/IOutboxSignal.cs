namespace SalesBot.Conversations.Outbox;

/// <summary>Wakes the outbox dispatcher early, e.g. right after a win was queued.</summary>
public interface IOutboxSignal
{
    void Notify();
}
