using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SalesBot.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled to ARM JSON once per test class, with the Bicep CLI restored from NuGet by
/// infra/tools/restore-bicep.csproj, so `dotnet test` alone works on a fresh clone. A missing CLI
/// throws here, which fails every test that uses it: a skipped check would let the Bicep drift.
/// </summary>
public sealed class CompiledTemplate
{
    public JsonObject Template { get; }

    /// <summary>What Bicep printed while compiling: warnings and errors land here.</summary>
    public string Diagnostics { get; }

    public CompiledTemplate()
    {
        var root = FindRepoRoot();
        var tool = Path.Combine(root, "infra", "tools", "restore-bicep.csproj");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        Run(dotnet, ["restore", tool, "--nologo", "-v", "quiet"], root, TimeSpan.FromMinutes(5));
        var bicep = Run(dotnet, ["msbuild", tool, "-nologo", "-getProperty:BicepCliPath"], root, TimeSpan.FromMinutes(2)).Stdout.Trim();
        if (!File.Exists(bicep))
        {
            throw new InvalidOperationException(
                $"Bicep CLI not found at '{bicep}' after restoring {tool}. The infra tests need it; they never skip.");
        }

        var build = Run(bicep, ["build", Path.Combine(root, "infra", "main.bicep"), "--stdout"], root, TimeSpan.FromMinutes(2));
        Diagnostics = build.Stderr;
        Template = JsonNode.Parse(build.Stdout)?.AsObject()
            ?? throw new InvalidOperationException("bicep build printed no template.");
    }

    public IEnumerable<JsonObject> Resources(string type) =>
        Template["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type);

    public JsonObject Resource(string type) => Assert.Single(Resources(type));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SalesBot.sln not found above {AppContext.BaseDirectory}.");
    }

    private static (string Stdout, string Stderr) Run(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The nested MSBuild must not reuse or inherit the outer `dotnet test` build's state.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(inherited);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        return (stdout.Result, stderr.Result);
    }
}
