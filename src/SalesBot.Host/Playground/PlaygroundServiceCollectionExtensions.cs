using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Host.Playground;

public static class PlaygroundServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotPlayground(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<PlaygroundOptions>().Bind(configuration.GetSection(PlaygroundOptions.Section))
            .Validate(o => o.MaxConversations > 0 && o.MaxActivitiesPerConversation > 0, "Playground limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<IChannelMessenger, PlaygroundMessenger>();
        if (HasMovableClock(configuration, environment))
        {
            // Moving time is for watching schedules in a demo; it is never possible outside Development.
            services.AddSingleton(new PlaygroundClock(NodaTime.SystemClock.Instance));
            services.Replace(ServiceDescriptor.Singleton<NodaTime.IClock>(sp => sp.GetRequiredService<PlaygroundClock>()));
        }

        return services;
    }

    /// <summary>The page, Web Chat and the Direct Line endpoints; mapped only when the playground is enabled.</summary>
    public static WebApplication MapSalesBotPlayground(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var enabled = app.Configuration.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>()?.Enabled ?? false;
        if (!enabled)
        {
            return app;
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Routing ignores a trailing slash, so only the bare path redirects (the page uses relative URLs).
        app.MapGet("/playground", (HttpRequest request) => request.Path.Value!.EndsWith('/')
            ? Results.File(Path.Combine(app.Environment.WebRootPath, "playground", "index.html"), "text/html")
            : Results.Redirect("/playground/"));
        app.MapGet("/playground/api/people", ListPeopleAsync);
        DirectLineEndpoints.Map(app);
        if (HasMovableClock(app.Configuration, app.Environment))
        {
            PlaygroundClockEndpoints.Map(app);
        }

        return app;
    }

    private static bool HasMovableClock(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && (configuration.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>()?.Enabled ?? false);

    /// <summary>Who you can be in the playground: the members of the local workspace's team.</summary>
    private static async Task<IResult> ListPeopleAsync(IOrganizationStore organizations, IMemberStore members, CancellationToken cancellationToken)
    {
        var organization = await organizations.FindOrganizationByWorkspaceAsync(new Workspace(ChannelNames.Playground, DirectLineEndpoints.LocalTenant), cancellationToken);
        if (organization is null)
        {
            return Results.Ok(new { team = (object?)null, people = Array.Empty<object>() });
        }

        var team = (await organizations.GetTeamAsync(organization.DefaultTeamId, cancellationToken))?.Value;
        var roster = await members.ListTeamAsync(organization.DefaultTeamId, cancellationToken);
        return Results.Ok(new
        {
            team = team is null ? null : new { id = team.Id, name = team.Name },
            people = roster
                .OrderBy(m => m.Role.IsRep() ? 1 : 0).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(m => new { id = m.Id, name = m.DisplayName, role = m.Role.ToString(), timeZone = m.TimeZoneId }),
        });
    }
}
