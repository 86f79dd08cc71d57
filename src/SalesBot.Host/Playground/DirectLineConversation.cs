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
    private int _next;

    public string Id { get; } = id;

    public ConversationScope Scope { get; } = scope;

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
