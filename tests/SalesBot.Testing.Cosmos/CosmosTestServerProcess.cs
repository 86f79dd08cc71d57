using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

using SalesBot.Storage.Cosmos;

namespace SalesBot.Testing.Cosmos;

/// <summary>
/// <c>node tools/cosmos-test-server/start.js</c> as a child process: installed with <c>npm ci</c> when
/// needed, on a port the OS picks, stopped (and stopped with us, through stdin) when disposed.
/// </summary>
public sealed partial class CosmosTestServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CosmosTestServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<CosmosTestServerProcess> StartAsync(TimeSpan timeout)
    {
        var folder = ServerFolder();
        // Test projects run in parallel and each may start a server: one installs, the others wait for it.
        await using (await InstallLockAsync(folder, TimeSpan.FromMinutes(5)))
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "@vercel", "cosmosdb-server")))
            {
                await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            }
        }

        var process = Start("node", ["start.js", "--port", "0", "--exit-with-stdin"], folder, redirectStdin: true);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    // Keep draining stdout so the server never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new CosmosTestServerProcess(process, new Uri(match.Groups["url"].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new InvalidOperationException($"The Cosmos DB test server in {folder} did not report listening within {timeout.TotalSeconds:0} s. stderr: {Text(stderr)}");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        throw new InvalidOperationException($"The Cosmos DB test server in {folder} exited with code {process.ExitCode} before listening: {Text(stderr)}");
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>https://\S+)")]
    private static partial Regex ListeningLine();

    private static string ServerFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "cosmos-test-server");
            if (File.Exists(Path.Combine(candidate, "start.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/cosmos-test-server/start.js not found above {AppContext.BaseDirectory}; set {CosmosServer.EndpointVariable} to a running server instead.");
    }

    /// <summary>An exclusive lock on a file beside the server (an advisory lock on Linux), held while installing.</summary>
    private static async Task<FileStream> InstallLockAsync(string folder, TimeSpan timeout)
    {
        var path = Path.Combine(folder, ".install.lock");
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    private static Process Start(string fileName, string[] arguments, string folder, bool redirectStdin)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{fileName}' for the Cosmos DB test server (is Node.js 20+ installed?): {e.Message}", e);
        }
    }

    private static async Task RunToEndAsync(string fileName, string[] arguments, string folder, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, folder, redirectStdin: false);
        using var deadline = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' in {folder} took longer than {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' in {folder} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static string Text(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString().Trim();
        }
    }
}
