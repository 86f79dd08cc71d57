using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Bench.References;

/// <summary>
/// <c>SalesBot.Bench.dll serve kestrel|minimal-turn --urls http://127.0.0.1:port</c>: a reference run as its
/// own process, started, measured and stopped exactly like the Host, so the ratios compare like with like.
/// </summary>
internal static class ReferenceServer
{
    public const string Kestrel = "kestrel";
    public const string MinimalTurnName = "minimal-turn";

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args.Length > 0 ? args[0] : string.Empty;
        var urls = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5099";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("Healthy"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false });
        switch (kind)
        {
            case Kestrel:
                MinimalKestrel.Map(app);
                break;
            case MinimalTurnName:
                (await MinimalTurn.StartAsync(MinimalTurnSettings.FromEnvironment(), http)).Map(app);
                break;
            default:
                await Console.Error.WriteLineAsync($"serve what? '{kind}' is neither '{Kestrel}' nor '{MinimalTurnName}'.");
                return 2;
        }

        await app.RunAsync();
        return 0;
    }
}
