using SalesBot.TeamsPackage;

// Builds manifests/teams/out/salesbot-teams.zip, the file to upload in Teams (Apps > Manage your apps >
// Upload an app) or the Teams admin center.
//
//   dotnet run --project manifests/teams/SalesBot.TeamsPackage -- --bot-id <MicrosoftAppId> --host <bot host name>
//
// The bot id falls back to the MicrosoftAppId environment variable (the same key the bot reads), the host to
// SALESBOT_PUBLIC_HOST. Options: --version 1.0.0, --app-id <GUID> (default: the bot id), --out <zip path>,
// --manifest-dir <folder with manifest.json and the icons>.
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        return Usage($"Unexpected argument '{args[i]}'.");
    }

    options[args[i][2..]] = args[++i];
}

string manifestDirectory;
try
{
    manifestDirectory = options.GetValueOrDefault("manifest-dir") ?? FindManifestDirectory();
}
catch (DirectoryNotFoundException ex)
{
    return Usage(ex.Message);
}

var botId = options.GetValueOrDefault("bot-id") ?? Environment.GetEnvironmentVariable("MicrosoftAppId");
var host = options.GetValueOrDefault("host") ?? Environment.GetEnvironmentVariable("SALESBOT_PUBLIC_HOST");
if (string.IsNullOrWhiteSpace(botId) || string.IsNullOrWhiteSpace(host))
{
    return Usage("Give the bot id (--bot-id or MicrosoftAppId) and the host (--host or SALESBOT_PUBLIC_HOST).");
}

var output = options.GetValueOrDefault("out") ?? Path.Combine(manifestDirectory, "out", "salesbot-teams.zip");
try
{
    TeamsAppPackage.Write(manifestDirectory, new PackageSettings(botId.Trim(), host.Trim(), options.GetValueOrDefault("version") ?? "1.0.0", options.GetValueOrDefault("app-id")), output);
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
{
    return Usage(ex.Message);
}

Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine("Usage: dotnet run --project manifests/teams/SalesBot.TeamsPackage -- --bot-id <MicrosoftAppId> --host <bot host name> [--version 1.0.0] [--app-id <GUID>] [--out <zip>]");
    return 2;
}

static string FindManifestDirectory()
{
    // Works from the repository root, from manifests/teams, and from the build output.
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests", "teams");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(dir.FullName, "manifest.json")) && File.Exists(Path.Combine(dir.FullName, "color.png")))
            {
                return dir.FullName;
            }
        }
    }

    throw new DirectoryNotFoundException("manifests/teams/manifest.json not found; pass --manifest-dir.");
}
