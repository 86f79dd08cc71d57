using SalesBot.Channels.Teams.Activities;
using SalesBot.Conversations.Messages;

namespace SalesBot.Host.Playground;

/// <summary>
/// One Direct Line conversation's transcript. Ids are <c>{conversationId}|{n}</c> and the watermark is
/// the last <c>n</c> a client has seen, as Direct Line 3.0 does.
/// </summary>
public sealed class DirectLineConversation(string id, ConversationScope scope, int maxActivities)
{
    private readonly Lock _gate = new();
    private readonly List<(int Sequence, Activity Activity)> _activities = [];
    private readonly Dictionary<string, string?> _claims = new(StringComparer.Ordinal);
    private readonly Queue<string> _claimOrder = new();
    private int _next;

    public string Id { get; } = id;

    public ConversationScope Scope { get; } = scope;

    /// <summary>
    /// Claims a client's own activity key (its <c>id</c> or <c>channelData.clientActivityID</c>) for the
    /// activity about to be posted; a resend of the same key gets the id it was first posted under
    /// instead. The most recent keys are kept, as many as activities.
    /// </summary>
    public bool TryClaim(string clientKey, out string? firstPostedAs)
    {
        ArgumentNullException.ThrowIfNull(clientKey);
        lock (_gate)
        {
            if (_claims.TryGetValue(clientKey, out firstPostedAs))
            {
                return false;
            }

            _claims[clientKey] = null;
            _claimOrder.Enqueue(clientKey);
            while (_claimOrder.Count > maxActivities && _claimOrder.TryDequeue(out var oldest))
            {
                _claims.Remove(oldest);
            }

            return true;
        }
    }

    /// <summary>Gives a claim back (its turn failed), so the client's retry is handled rather than taken as a resend.</summary>
    public void Release(string clientKey)
    {
        lock (_gate)
        {
            _claims.Remove(clientKey);
        }
    }

    /// <summary>Records the id a claimed activity was posted under, for the answer to a resend.</summary>
    public void Posted(string clientKey, string postedAs)
    {
        lock (_gate)
        {
            if (_claims.ContainsKey(clientKey))
            {
                _claims[clientKey] = postedAs;
            }
        }
    }

    public Activity Append(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var sequence = _next++;
            activity.Id = $"{Id}|{sequence:D7}";
            activity.Conversation = new ConversationAccount { Id = Id, ConversationType = Scope == ConversationScope.Channel ? "channel" : "personal" };
            _activities.Add((sequence, activity));
            if (_activities.Count > maxActivities)
            {
                _activities.RemoveAt(0);
            }

            return activity;
        }
    }

    /// <summary>
    /// Replaces the activity <paramref name="id"/> (a post whose kudos changed): it is sent again under the
    /// same id and timestamp, and Web Chat shows the new one in the old one's place. False when it is gone.
    /// </summary>
    public bool Replace(string id, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var index = _activities.FindIndex(a => a.Activity.Id == id);
            if (index < 0)
            {
                return false;
            }

            var old = _activities[index].Activity;
            activity.Id = id;
            activity.Timestamp = old.Timestamp;
            activity.Conversation = old.Conversation;
            _activities.RemoveAt(index);
            _activities.Add((_next++, activity));
            return true;
        }
    }

    /// <summary>Activities after <paramref name="watermark"/> (all when null) and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) After(int? watermark)
    {
        lock (_gate)
        {
            var list = _activities.Where(a => watermark is null || a.Sequence > watermark).Select(a => a.Activity).ToList();
            return (list, _next - 1);
        }
    }
}
