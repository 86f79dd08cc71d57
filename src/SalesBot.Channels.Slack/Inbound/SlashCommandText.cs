namespace SalesBot.Channels.Slack.Inbound;

/// <summary>What a slash command means in the bot's typed commands: <c>/checkin</c> → "check in", <c>/salesbot status</c> → "status".</summary>
public static class SlashCommandText
{
    public static string ToCommand(string command, string text)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Taken as typed (commands are registered with should_escape false); the renderer escapes on the way out.
        var argument = SlackText.Decode(text).Trim();
        var verb = command.TrimStart('/').ToLowerInvariant() switch
        {
            "checkin" or "check-in" => "check in",
            "win" => "win",
            "reflect" => "reflect",
            "status" => "status",
            _ => null, // "/salesbot <anything>": the text is the command
        };
        if (verb is null)
        {
            return argument.Length == 0 ? "help" : argument;
        }

        return argument.Length == 0 ? verb : $"{verb} {argument}";
    }
}
