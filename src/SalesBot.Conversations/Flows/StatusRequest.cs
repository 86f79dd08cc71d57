namespace SalesBot.Conversations.Flows;

/// <summary>Which status view a person asked for: <c>status</c>, <c>status week</c>, <c>status month</c>, <c>status me</c>, <c>status @ava</c>, <c>status team West</c>.</summary>
public sealed record StatusRequest(StatusView View, string? Who = null)
{
    public const string Forms = "\"status\" (the latest day), \"status week\", \"status month\", \"status me\", \"status @name\" (one rep) or \"status team <name>\"";

    private const int MaxNameLength = 60;

    public static StatusRequest Parse(string argument)
    {
        var text = (argument ?? string.Empty).Trim();
        var lower = text.ToLowerInvariant();
        switch (lower)
        {
            case "" or "day" or "today" or "daily":
                return new(StatusView.Day);
            case "week" or "this week" or "weekly":
                return new(StatusView.Week);
            case "month" or "this month" or "monthly":
                return new(StatusView.Month);
            case "me" or "mine" or "my" or "own":
                return new(StatusView.Own);
            case "team" or "teams":
                return new(StatusView.Team, string.Empty);
        }

        if (lower.StartsWith("team ", StringComparison.Ordinal))
        {
            return new(StatusView.Team, text[5..].Trim());
        }

        var name = text.TrimStart('@').Trim();
        return name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '.')
            ? new(StatusView.Rep, name)
            : new(StatusView.NotUnderstood, text);
    }
}

public enum StatusView
{
    Day,
    Week,
    Month,
    Own,
    Rep,
    Team,
    NotUnderstood,
}
