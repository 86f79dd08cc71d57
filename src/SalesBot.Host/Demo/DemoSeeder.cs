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
/// The team and its people go in one commit, then the organization in a second: its presence is what
/// says "seeded", so a crash in between seeds again (every write but the organization is a replace).
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    IOrganizationStore organizations,
    IStoreWriter writer,
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
        var people = DemoTeam.People(now.InUtc().Date);
        var changes = new ChangeSet().PutTeam(DemoTeam.Team, Expect.Any);
        for (var i = 0; i < people.Count; i++)
        {
            var (member, checkedInLatest) = people[i];
            changes.PutMember(member, Expect.Any);
            var latest = WorkWeek.ReportDateFor(now, member.TimeZone);
            if (member.Role.IsRep())
            {
                foreach (var checkIn in DemoHistory.CheckIns(member, i, latest, checkedInLatest, now))
                {
                    changes.PutCheckIn(checkIn, Expect.Any);
                }
            }

            foreach (var win in DemoHistory.Wins(member, now))
            {
                changes.AddWin(win);
            }
        }

        // The team channel of the playground, so win posts have somewhere to go from the first run.
        changes.PutConversation(new ConversationReference
        {
            OwnerKind = RecipientKind.Team,
            OwnerId = DemoTeam.TeamId,
            Channel = ChannelNames.Playground,
            TenantId = DirectLineEndpoints.LocalTenant,
            ConversationId = DirectLineConversations.TeamChannelId(DemoTeam.TeamId),
            Scope = Conversations.Messages.ConversationScope.Channel,
            UpdatedAt = now,
        });
        await writer.CommitAsync(changes, cancellationToken);

        // Absent: a second instance seeding at the same moment conflicts here instead of overwriting.
        try
        {
            await writer.CommitAsync(c => c.PutOrganization(DemoTeam.Organization, Expect.Absent), cancellationToken);
        }
        catch (StoreConflictException)
        {
            return; // another instance finished first; what it wrote is the same demo
        }

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
