namespace SalesBot.Host.Http;

/// <summary>
/// Limits and headers for every endpoint, whatever the channel: a body cap above every endpoint's own
/// (Teams 256 KB, Slack and Direct Line 64 KB) so nothing unbounded is ever read, Kestrel's slow-client
/// timeouts, a time limit on each request, and headers that stop browsers sniffing, framing or
/// leaking referrers. Error bodies never carry a stack trace outside Development (see <see cref="HostExtensions.UseSalesBotErrors"/>).
/// </summary>
public static class HostHardening
{
    /// <summary>The largest body any endpoint accepts, checked by Kestrel before any handler.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>A request still running after this is answered 503 and abandoned (turns keep within 15 s).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddSalesBotHostLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
            {
                Timeout = RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            };
        });
        return builder;
    }

    public static WebApplication UseSalesBotHostLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(RefuseOversizedBodiesAsync);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The playground page loads its own scripts; everything else is data and needs nothing.
            if (!context.Request.Path.StartsWithSegments("/playground", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            return next(context);
        });
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>
    /// A body declared over the cap is answered 413 before any endpoint runs, including those that never
    /// read a body; one sent without a length is cut off by Kestrel as it is read, which is answered 413
    /// too rather than left to surface as a 500 from whichever handler was reading.
    /// </summary>
    private static async Task RefuseOversizedBodiesAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsync($"Request body larger than {MaxRequestBodyBytes} bytes.", context.RequestAborted);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsync($"Request body larger than {MaxRequestBodyBytes} bytes.", context.RequestAborted);
        }
    }
}
