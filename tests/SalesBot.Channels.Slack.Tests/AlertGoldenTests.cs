using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Testing;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>The coaching-alerts message and the alert settings in Block Kit, within Slack's limits, compared with <c>Golden/</c>.</summary>
public sealed class AlertGoldenTests
{
    [Fact]
    public void Coaching_alerts_render_within_slacks_block_limits_with_mentions_escaped()
    {
        var rendered = BlockKitMessageRenderer.Message(AlertSamples.CoachingAlerts());

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Assert.DoesNotContain("<@U123>", rendered.ToJsonString(), StringComparison.Ordinal);
        Golden.Verify("coaching-alerts-message", rendered);
    }

    [Fact]
    public void Alert_settings_render_within_slacks_block_limits()
    {
        var rendered = BlockKitMessageRenderer.Message(AlertSamples.Settings());

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Golden.Verify("alert-settings-message", rendered);
    }
}
