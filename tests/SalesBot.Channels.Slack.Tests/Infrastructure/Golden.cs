using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>
/// Golden files of Block Kit payloads under <c>Golden/</c>, compared exactly. Run the tests with
/// <c>UPDATE_GOLDEN=1</c> to write them afresh, then review the diff.
/// </summary>
public static class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Verify(string name, JsonNode actual, [CallerFilePath] string callerPath = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden");
        var path = Path.Combine(folder, name + ".json");
        var text = actual.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
            return;
        }

        Assert.True(File.Exists(path), $"Missing golden file {path}; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }
}
