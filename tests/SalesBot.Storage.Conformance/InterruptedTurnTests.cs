using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Conversations;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>
/// A commit that stops part-way leaves some of the turn's writes (a store without transactions across
/// partitions, whose process died) or none (SQLite). Whichever prefix was written, the channel's
/// redelivery of the same event completes the turn: one check-in, each win and post once, and the
/// event marked done, so a further redelivery changes nothing. (That a dead turn's claim lapses for
/// the redelivery is in the store conformance suite.) A test class per store inherits this.
/// </summary>
public abstract class InterruptedTurnTests
{
    private const string CheckInLine = "calls 40, meetings 5, proposals 2";

    /// <summary>Registers a fresh store's ports; called once per test, for one service provider.</summary>
    protected abstract Task AddFreshStoresAsync(IServiceCollection services);

    [Fact]
    public async Task A_redelivery_completes_a_turn_that_died_after_any_part_of_its_commit()
    {
        var fullCommit = await CommitOfOneTurnAsync();
        Assert.True(fullCommit > 2, "a celebrated check-in writes the check-in, a win, its post and the done mark");

        for (var written = 0; written < fullCommit; written++)
        {
            await using var services = await ServicesAsync(new DyingWriter(written));
            var clock = (FakeClock)services.GetRequiredService<IClock>();
            var inbound = TestRecords.Message("rep-1", CheckInLine, clock.GetCurrentInstant(), "activity-1");

            var failed = await TurnAsync(services, inbound);
            Assert.Contains("couldn't save", Assert.Single(failed.Replies).Text, StringComparison.Ordinal);
            clock.Advance(Duration.FromMinutes(3)); // the channel retries
            DyingWriter.Revive(services);
            var retried = await TurnAsync(services, inbound);
            var again = await TurnAsync(services, inbound);

            Assert.NotEmpty(retried.Replies);
            Assert.Empty(again.Replies); // done now: a further redelivery changes nothing
            var checkIns = await services.GetRequiredService<ICheckInStore>().ListForMemberAsync("rep-1", TestData.Friday, TestData.Friday);
            Assert.Equal(40, Assert.Single(checkIns).Values["calls"]);
            var wins = await services.GetRequiredService<IWinStore>().ListForMemberAsync("rep-1", Instant.MinValue, Instant.MaxValue);
            Assert.Single(wins, w => w.Kind == Core.Wins.WinKind.TargetHit);
            foreach (var win in wins)
            {
                Assert.NotNull(await services.GetRequiredService<IOutbox>().GetAsync($"win:{win.Id}"));
            }
        }
    }

    [Fact]
    public async Task A_redelivery_completes_the_first_enrolment_in_a_workspace_that_died_after_any_part_of_its_commit()
    {
        var fullCommit = await CommitOfOneTurnAsync("help", seeded: false);
        Assert.True(fullCommit > 3, "a first enrolment writes the team, the organization, the member and more");

        for (var written = 0; written < fullCommit; written++)
        {
            await using var services = await ServicesAsync(new DyingWriter(written), seeded: false);
            var clock = (FakeClock)services.GetRequiredService<IClock>();
            var inbound = TestRecords.Message("first-person", "help", clock.GetCurrentInstant(), "activity-1");

            await TurnAsync(services, inbound);
            DyingWriter.Revive(services);
            var retried = await TurnAsync(services, inbound);

            Assert.NotEmpty(retried.Replies);
            var organization = await services.GetRequiredService<IOrganizationStore>().FindOrganizationByWorkspaceAsync(TestData.Organization.Workspaces[0]);
            var member = await services.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new Core.Organization.ChannelAccount(TestData.Channel, TestData.Tenant, "first-person"));
            Assert.Equal(organization!.DefaultTeamId, member!.Value.TeamId);
            Assert.Equal(Core.Organization.MemberRole.Manager, member.Value.Role);
        }
    }

    /// <summary>How many writes the turn commits when nothing dies.</summary>
    private async Task<int> CommitOfOneTurnAsync(string text = CheckInLine, bool seeded = true)
    {
        var counting = new DyingWriter(int.MaxValue);
        await using var services = await ServicesAsync(counting, seeded);
        var clock = services.GetRequiredService<IClock>();
        await TurnAsync(services, TestRecords.Message(seeded ? "rep-1" : "first-person", text, clock.GetCurrentInstant(), "activity-1"));
        return counting.LastCommitSize;
    }

    private async Task<ServiceProvider> ServicesAsync(DyingWriter dying, bool seeded = true)
    {
        var services = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(TestData.MondayMorningInNewYork))
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        await AddFreshStoresAsync(services);
        services.AddSalesBotConversations();
        // The dying writer wraps the store's own writer for the engine's commits only.
        var storeWriter = services.Last(d => d.ServiceType == typeof(IStoreWriter));
        services.Remove(storeWriter);
        services.AddSingleton(dying);
        services.AddSingleton<IStoreWriter>(sp =>
        {
            dying.Inner = (IStoreWriter)(storeWriter.ImplementationInstance
                ?? storeWriter.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, storeWriter.ImplementationType!));
            return dying;
        });
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IStoreWriter>(); // builds the store's writer inside the dying one
        if (!seeded)
        {
            return provider;
        }

        var now = provider.GetRequiredService<IClock>().GetCurrentInstant();
        await dying.Inner!.CommitAsync(c => c
            .PutTeam(TestData.Team, Expect.Absent)
            .PutOrganization(TestData.Organization, Expect.Absent)
            .PutMember(MemberBuilder.ARep().Build(), Expect.Absent)
            .PutConversation(TestRecords.DirectChat("rep-1", now))
            .PutConversation(TestRecords.TeamChannel(TestData.TeamId, now)));
        return provider;
    }

    private static async Task<Conversations.Messages.TurnResult> TurnAsync(IServiceProvider services, Conversations.Messages.InboundEvent inbound)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IConversationEngine>().HandleAsync(inbound);
    }

    /// <summary>Writes the first <c>survives</c> changes of a commit, then fails as a dying process would leave it.</summary>
    private sealed class DyingWriter(int survives) : IStoreWriter
    {
        private bool _dead = survives < int.MaxValue;

        public IStoreWriter? Inner { get; set; }

        public int LastCommitSize { get; private set; }

        public static void Revive(IServiceProvider services) => services.GetRequiredService<DyingWriter>()._dead = false;

        public async Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
        {
            LastCommitSize = changes.Changes.Count;
            if (!_dead)
            {
                await Inner!.CommitAsync(changes, cancellationToken);
                return;
            }

            await Inner!.CommitAsync(changes.Prefix(survives), cancellationToken);
            throw new ProcessDiedException();
        }
    }

    private sealed class ProcessDiedException : Exception;
}
