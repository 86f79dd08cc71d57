using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Charts;

namespace SalesBot.Host.Charts;

/// <summary>
/// <c>GET /charts/{data}.png?exp=…&amp;sig=…</c>: draws the chart a signed address carries. An address
/// that is unsigned, changed or expired is refused (403, or 404 for one that is no chart at all) with
/// the reason, and nothing is drawn. Drawn PNGs are kept in a cache bounded in bytes.
/// </summary>
public static class ChartEndpoints
{
    public static IServiceCollection AddSalesBotCharts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSalesBotChartLinks(configuration);
        services.AddSingleton<ChartImageCache>();
        return services;
    }

    public static WebApplication MapSalesBotCharts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(ChartLinks.PathPrefix + "{file}", Get);
        return app;
    }

    private static IResult Get(string file, HttpContext context, ChartLinks links, ChartImageCache cache, IClock clock)
    {
        const string suffix = ".png";
        if (!file.EndsWith(suffix, StringComparison.Ordinal))
        {
            return Results.Problem("No such chart.", statusCode: StatusCodes.Status404NotFound);
        }

        var query = context.Request.Query;
        var check = links.Check(file[..^suffix.Length], Single(query["exp"]), Single(query["sig"]));
        if (check.Chart is not { } chart)
        {
            return Results.Problem(check.Reason, statusCode: check.Status);
        }

        var left = check.Expires - clock.GetCurrentInstant().ToDateTimeOffset();
        var png = cache.GetOrDraw(file[..^suffix.Length], chart, left);
        // Clients may keep it until the link expires, at most an hour; shared caches may not.
        var seconds = (long)Math.Clamp(left.TotalSeconds, 0, 3600);
        context.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"private, max-age={seconds}");
        return Results.File(png, "image/png");
    }

    /// <summary>One value, or null when the parameter is missing or repeated (a repeated one is not what was signed).</summary>
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}

/// <summary>Rendered charts by their data, bounded by <see cref="ChartLinkOptions.CacheBytes"/>; a chart shown to several clients is drawn once.</summary>
public sealed class ChartImageCache(IOptions<ChartLinkOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheBytes });

    /// <param name="left">How long the link stays valid: the picture is not kept longer.</param>
    public byte[] GetOrDraw(string key, SalesBot.Conversations.Messages.Chart chart, TimeSpan left)
    {
        if (_cache.TryGetValue(key, out byte[]? png) && png is not null)
        {
            return png;
        }

        png = ChartPainter.Png(chart);
        if (left > TimeSpan.Zero)
        {
            _cache.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length, AbsoluteExpirationRelativeToNow = left });
        }

        return png;
    }

    public void Dispose() => _cache.Dispose();
}
