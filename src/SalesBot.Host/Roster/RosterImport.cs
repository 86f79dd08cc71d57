using Microsoft.Extensions.Options;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Host.Roster;

/// <summary>
/// Applies the roster at start-up (after the store's migration and the demo seed): each person on the
/// team found by name gets the roster's role, manager, start date and zone. Only what differs is
/// written, at the version read, so a restart changes nothing and a conflicting write is not lost.
/// People not enrolled yet (they have not said hello) are named in the log and applied at a later start.
/// </summary>
public sealed partial class RosterImport(IOptions<RosterOptions> options, IOrganizationStore organizations, IMemberStore members, IStoreWriter writer,
    ILogger<RosterImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.File) || RosterFile.Read(options.Value.File).Roster is not { } roster)
        {
            return;
        }

        await ApplyAsync(roster, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The number of members changed.</summary>
    public async Task<int> ApplyAsync(RosterFile roster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (await organizations.GetTeamAsync(roster.Team, cancellationToken) is null)
        {
            LogNoTeam(logger, roster.Team);
            return 0;
        }

        var team = await members.ListTeamAsync(roster.Team, cancellationToken);
        Member? Enrolled(RosterPerson person) => team.FirstOrDefault(m => string.Equals(m.DisplayName, person.Name, StringComparison.OrdinalIgnoreCase));
        var changes = new ChangeSet();
        var missing = new List<string>();
        foreach (var person in roster.People)
        {
            if (Enrolled(person) is not { } member)
            {
                missing.Add(person.Name);
                continue;
            }

            var manager = person.Manager is null ? null : roster.Find(person.Manager) is { } boss ? Enrolled(boss) : null;
            var wanted = member with
            {
                Role = person.Role,
                StartDate = person.StartDate ?? member.StartDate,
                TimeZoneId = person.Zone ?? member.TimeZoneId,
                // A manager not enrolled yet leaves the line as it is until they are.
                ManagerId = person.Manager is null ? null : manager?.Id ?? member.ManagerId,
            };
            if (wanted.Role != member.Role || wanted.StartDate != member.StartDate || wanted.TimeZoneId != member.TimeZoneId || wanted.ManagerId != member.ManagerId)
            {
                var stored = await members.GetAsync(member.TeamId, member.Id, cancellationToken);
                changes.PutMember(wanted, Expect.For(stored), member);
            }
        }

        if (!changes.IsEmpty)
        {
            await writer.CommitAsync(changes, cancellationToken);
        }

        LogApplied(logger, changes.Changes.Count, roster.Team, missing.Count, string.Join(", ", missing));
        return changes.Changes.Count;
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Roster: team {Team} does not exist yet; nothing applied")]
    private static partial void LogNoTeam(ILogger logger, string team);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Roster: {Changed} members of {Team} updated; {Missing} not enrolled yet: {Names}")]
    private static partial void LogApplied(ILogger logger, int changed, string team, int missing, string names);
}

public static class RosterServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotRoster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RosterOptions>, RosterOptionsValidator>();
        services.AddHostedService<RosterImport>();
        return services;
    }
}
