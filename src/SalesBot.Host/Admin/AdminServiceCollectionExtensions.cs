using Microsoft.Extensions.Options;

namespace SalesBot.Host.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The operators' key, validated at start: when set, at least <see cref="AdminOptions.MinKeyLength"/> characters.</summary>
    public static IServiceCollection AddSalesBotAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section))
            .Validate(
                o => string.IsNullOrEmpty(o.Key) || (o.Key.Length >= AdminOptions.MinKeyLength && !o.Key.Any(char.IsControl) && o.Key.Trim() == o.Key),
                $"Admin:Key, when set, must be at least {AdminOptions.MinKeyLength} characters, with no control characters or surrounding spaces (e.g. openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddSingleton<AdminKey>();
        return services;
    }

    /// <summary>The operators' endpoints under <c>/admin</c>, behind the key; not mapped (404) when no key is configured.</summary>
    public static WebApplication MapSalesBotAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            return app;
        }

        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var reason = context.HttpContext.RequestServices.GetRequiredService<AdminKey>().Reject(context.HttpContext.Request);
            if (reason is null)
            {
                return await next(context);
            }

            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized);
        });
        OutboxAdminEndpoints.Map(admin);
        RuntimeAdminEndpoints.Map(admin);
        return app;
    }
}
