using System.Text.Encodings.Web;
using System.Text.Json;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Testing;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>The coaching-alerts card and the alert settings as Teams receives them, compared with <c>Golden/</c> (<c>UPDATE_GOLDEN=1</c> rewrites).</summary>
public sealed class AlertGoldenTests
{
    private static readonly JsonSerializerOptions Pretty = new(ActivityJson.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Coaching_alerts_with_one_question_each_and_a_button_per_rep_within_the_card_size_limit() =>
        AssertGolden("coaching-alerts", ActivityMapper.ToActivity(AlertSamples.CoachingAlerts(), CardActionStyle.Execute));

    [Fact]
    public void Alert_settings_of_a_team() =>
        AssertGolden("alert-settings", ActivityMapper.ToActivity(AlertSamples.Settings(), CardActionStyle.Execute));

    private static void AssertGolden(string name, object rendered)
    {
        var json = JsonSerializer.Serialize(rendered, Pretty).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(SourcePaths.Find("Golden"), name + ".json");
        // Teams refuses a message over about 28 KB.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(json) < 28 * 1024, $"{name} is {json.Length} characters, over Teams' message size.");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, json);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), json);
    }
}
