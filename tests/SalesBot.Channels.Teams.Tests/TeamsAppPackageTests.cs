using System.IO.Compression;
using System.Text.Json.Nodes;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.TeamsPackage;

namespace SalesBot.Channels.Teams.Tests;

public sealed class TeamsAppPackageTests : IDisposable
{
    private const string BotId = "5b0b3a1e-0000-4000-8000-00000000b0b0";
    private readonly string _zip = Path.Combine(Path.GetTempPath(), $"salesbot-teams-{Guid.NewGuid():N}.zip");

    public void Dispose() => File.Delete(_zip);

    [Fact]
    public void The_package_holds_the_manifest_with_the_bot_id_and_both_icons_at_their_required_sizes()
    {
        TeamsAppPackage.Write(ManifestDirectory(), new PackageSettings(BotId, "salesbot.example.com", "1.2.3"), _zip);

        using var zip = ZipFile.OpenRead(_zip);
        Assert.Equal(["manifest.json", "color.png", "outline.png"], zip.Entries.Select(e => e.FullName));
        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.Equal("1.23", (string?)manifest["manifestVersion"]);
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("1.2.3", (string?)manifest["version"]);
        Assert.Equal(BotId, (string?)manifest["id"]);
        var bot = manifest["bots"]!.AsArray().Single()!;
        Assert.Equal(BotId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        var personal = bot["commandLists"]!.AsArray().Single(l => l!["scopes"]![0]!.ToString() == "personal")!;
        Assert.Equal(["check in", "win", "reflect", "status", "help"], personal["commands"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Equal(["salesbot.example.com"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        TeamsAppPackage.CheckPng("color.png", ReadBytes(zip, "color.png"), 192);
        TeamsAppPackage.CheckPng("outline.png", ReadBytes(zip, "outline.png"), 32);
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent()
    {
        var bytes = File.ReadAllBytes(Path.Combine(ManifestDirectory(), "outline.png"));

        // Colour type 6 = RGBA: the icon has an alpha channel.
        Assert.Equal(6, bytes[25]);
    }

    [Theory]
    [InlineData("not-a-guid", "salesbot.example.com")]
    [InlineData(BotId, "https://salesbot.example.com/api/messages")]
    [InlineData(BotId, "localhost")]
    public void Bad_settings_are_refused_before_anything_is_written(string botId, string host)
    {
        Assert.Throws<ArgumentException>(() => TeamsAppPackage.Write(ManifestDirectory(), new PackageSettings(botId, host), _zip));
        Assert.False(File.Exists(_zip));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ManifestDirectory() => SourcePaths.Find(Path.Combine("manifests", "teams"));
}
