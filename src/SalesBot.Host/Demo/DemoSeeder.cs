using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.CheckIns;
using SalesBot.Host.Playground;

namespace SalesBot.Host.Demo;

/// <summary>
/// On start-up, when enabled and the demo organization is missing, seeds it so the first run shows
/// real summaries. Runs after the store's migration (hosted services start in registration order).
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    IOrganizationStore organizations,
    IMemberStore members,
    ICheckInStore checkIns,
    IWinStore wins,
    IConversationReferenceStore references,
    IClock clock,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed || await organizations.GetOrganizationAsync(DemoTeam.OrganizationId, cancellationToken) is not null)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        await organizations.SaveTeamAsync(DemoTeam.Team, cancellationToken);
        var people = DemoTeam.People(now.InUtc().Date);
        for (var i = 0; i < people.Count; i++)
        {
            var (member, checkedInLatest) = people[i];
            await members.SaveAsync(member, cancellationToken);
            var latest = WorkWeek.ReportDateFor(now, member.TimeZone);
            if (member.Role.IsRep())
            {
                foreach (var checkIn in DemoHistory.CheckIns(member, i, latest, checkedInLatest, now))
                {
                    await checkIns.SaveAsync(checkIn, cancellationToken);
                }
            }

            foreach (var win in DemoHistory.Wins(member, now))
            {
                await wins.AddAsync(win, cancellationToken);
            }
        }

        // The team channel of the playground, so win posts have somewhere to go from the first run.
        await references.SaveAsync(
            new ConversationReference
            {
                OwnerKind = RecipientKind.Team,
                OwnerId = DemoTeam.TeamId,
                Channel = ChannelNames.Playground,
                TenantId = DirectLineEndpoints.LocalTenant,
                ConversationId = DirectLineConversations.TeamChannelId(DemoTeam.TeamId),
                Scope = Conversations.Messages.ConversationScope.Channel,
                UpdatedAt = now,
            },
            cancellationToken);

        // The organization last: its presence is what says "seeded", so a crash midway seeds again.
        await organizations.SaveOrganizationAsync(DemoTeam.Organization, cancellationToken);
        LogSeeded(logger, people.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Seeded the demo organization with {Count} people")]
    private static partial void LogSeeded(ILogger logger, int count);
}

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
