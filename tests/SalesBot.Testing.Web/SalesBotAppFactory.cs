using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace SalesBot.Testing.Web;

/// <summary>
/// The whole Host, as <c>dotnet run</c> starts it in Development (demo seed and playground on), over a
/// real SQLite file in a temp folder and a fake clock set to a Monday morning in New York.
/// </summary>
public class SalesBotAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));

    public FakeClock Clock { get; } = new(TestData.MondayMorningInNewYork);

    public string DatabasePath => Path.Combine(_folder, "salesbot.db");

    /// <summary>Extra configuration, e.g. to turn features off.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string Environment { get; set; } = "Development";

    /// <summary>The playground's movable clock over <see cref="Clock"/>, as Development runs it; off, the fake clock alone.</summary>
    public bool MovablePlaygroundClock { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Scheduling:Enabled", "false"); // tests drive the outbox dispatcher themselves
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (MovablePlaygroundClock)
            {
                services.Replace(ServiceDescriptor.Singleton(new SalesBot.Host.Playground.PlaygroundClock(Clock)));
                services.Replace(ServiceDescriptor.Singleton<IClock>(sp => sp.GetRequiredService<SalesBot.Host.Playground.PlaygroundClock>()));
            }
            else
            {
                services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
