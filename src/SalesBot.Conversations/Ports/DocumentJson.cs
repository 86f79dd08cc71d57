using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// How stores write domain records as JSON documents (SQLite columns, Cosmos items): NodaTime types
/// as ISO strings, enums by name, the neutral message model with its type tags.
/// </summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty document for {typeof(T).Name}.");

    /// <summary>From the UTF-8 bytes as a store holds them: no string in between.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException($"Empty document for {typeof(T).Name}.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(MessageJson.Options);
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
