using Microsoft.AspNetCore.Http;

namespace SalesBot.Channels.Slack.Inbound.Payloads;

/// <summary>A slash command invocation (form-encoded).</summary>
internal sealed record SlashCommand(string TeamId, string UserId, string? UserName, string ChannelId, string Command, string Text, string? TriggerId, string? ResponseUrl)
{
    public static SlashCommand? From(IFormCollection form)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var team = Field("team_id");
        var user = Field("user_id");
        var channel = Field("channel_id");
        var command = Field("command");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(command))
        {
            return null;
        }

        return new SlashCommand(team, user, Field("user_name"), channel, command, Field("text") ?? string.Empty, Field("trigger_id"), Field("response_url"));
    }
}
