using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Channels.Teams.Activities;

/// <summary>The Bot Framework's JSON: camelCase, nulls omitted.</summary>
public static class ActivityJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
