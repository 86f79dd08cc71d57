using System.Text.Json;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// The serializer settings of every Cosmos document: the stores' <see cref="DocumentJson"/> rules
/// (camelCase, NodaTime as ISO strings, enums by name), so <c>id</c>, <c>pk</c> and <c>ttl</c> keep
/// the lower-case names Cosmos DB reads.
/// </summary>
public static class CosmosJson
{
    public static JsonSerializerOptions Options => DocumentJson.Options;
}
