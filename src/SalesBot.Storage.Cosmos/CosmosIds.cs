using System.Text;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Ids and partition keys made from domain keys. Cosmos DB forbids <c>/ \ ? #</c> in ids, so those
/// (and <c>%</c>, to stay reversible) are percent-encoded; everything else is kept readable.
/// </summary>
public static class CosmosIds
{
    public static string Of(string prefix, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new StringBuilder(prefix);
        foreach (var part in parts)
        {
            builder.Append('|');
            foreach (var ch in part)
            {
                _ = ch is '/' or '\\' or '?' or '#' or '%'
                    ? builder.Append('%').Append(((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture))
                    : builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    /// <summary>A stable shard number for <paramref name="key"/> (FNV-1a; string.GetHashCode differs per process).</summary>
    public static int Shard(string key, int shards)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
