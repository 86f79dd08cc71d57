namespace SalesBot.Conversations.Flows;

/// <summary>What a rep with public posts off is told when they log a win.</summary>
public static class RecognitionReplies
{
    public const string KeptPrivate =
        "🎉 Nice one! I've saved your win. Your posts are off, so nothing goes to the team channel; it still counts, " +
        "and your manager sees it. Say \"posts on\" to share your wins again.";
}
