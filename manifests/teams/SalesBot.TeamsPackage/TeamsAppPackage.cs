using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SalesBot.TeamsPackage;

/// <summary>What goes into the package besides the files: the bot's id and where it is hosted.</summary>
public sealed record PackageSettings(string BotId, string Host, string Version = "1.0.0", string? TeamsAppId = null);

/// <summary>
/// Builds the Teams app package: <c>manifest.json</c> (the template with the bot id, app id, host and
/// version filled in), <c>color.png</c> and <c>outline.png</c> at the root of a zip.
/// </summary>
public static partial class TeamsAppPackage
{
    public static readonly string[] Entries = ["manifest.json", "color.png", "outline.png"];

    // Fixed timestamps, so the same inputs always give the same zip.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(string manifestDirectory, PackageSettings settings, string zipPath)
    {
        var manifest = Manifest(manifestDirectory, settings);
        var directory = Path.GetDirectoryName(Path.GetFullPath(zipPath))!;
        Directory.CreateDirectory(directory);
        using var file = File.Create(zipPath);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest));
        foreach (var icon in Entries.Skip(1))
        {
            var bytes = File.ReadAllBytes(Path.Combine(manifestDirectory, icon));
            CheckPng(icon, bytes, icon == "color.png" ? 192 : 32);
            Add(zip, icon, bytes);
        }
    }

    /// <summary>The filled-in manifest, checked against the limits Teams enforces on upload.</summary>
    public static string Manifest(string manifestDirectory, PackageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Guid.TryParse(settings.BotId, out var botId))
        {
            throw new ArgumentException($"The bot id must be the Azure Bot's Microsoft App ID (a GUID), not '{settings.BotId}'.", nameof(settings));
        }

        var appId = settings.TeamsAppId is null ? botId : Guid.TryParse(settings.TeamsAppId, out var a) ? a
            : throw new ArgumentException($"The Teams app id must be a GUID, not '{settings.TeamsAppId}'.", nameof(settings));
        if (!HostName().IsMatch(settings.Host))
        {
            throw new ArgumentException($"The host must be a bare domain name such as salesbot.example.com, not '{settings.Host}'.", nameof(settings));
        }

        if (!SemVer().IsMatch(settings.Version))
        {
            throw new ArgumentException($"The version must look like 1.2.3, not '{settings.Version}'.", nameof(settings));
        }

        var text = File.ReadAllText(Path.Combine(manifestDirectory, "manifest.json"))
            .Replace("{{BOT_ID}}", botId.ToString("D"), StringComparison.Ordinal)
            .Replace("{{TEAMS_APP_ID}}", appId.ToString("D"), StringComparison.Ordinal)
            .Replace("{{HOST}}", settings.Host.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{{VERSION}}", settings.Version, StringComparison.Ordinal);
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("manifest.json has a placeholder this tool does not fill.");
        }

        var json = JsonNode.Parse(text)!;
        CheckLength(json, "name.short", (string?)json["name"]?["short"], 30);
        CheckLength(json, "name.full", (string?)json["name"]?["full"], 100);
        CheckLength(json, "description.short", (string?)json["description"]?["short"], 80);
        CheckLength(json, "description.full", (string?)json["description"]?["full"], 4000);
        return text;
    }

    private static void CheckLength(JsonNode json, string field, string? value, int max)
    {
        _ = json;
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            throw new InvalidOperationException($"manifest.json {field} must be 1 to {max} characters.");
        }
    }

    /// <summary>Teams rejects icons of the wrong size: checks the PNG signature and the IHDR width and height.</summary>
    public static void CheckPng(string name, byte[] bytes, int size)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidOperationException($"{name} is not a PNG.");
        }

        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        if (width != size || height != size)
        {
            throw new InvalidOperationException($"{name} is {width}x{height}; Teams needs {size}x{size}.");
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^\d{1,5}\.\d{1,5}\.\d{1,5}$")]
    private static partial Regex SemVer();
}
