using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Conversations;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>
/// Two complete instances (engine, prompt sweep, dispatcher, each with its own store connection) on
/// one shared store, doing the same work at the same moment: every prompt and post goes out once,
/// and a check-in delivered to both is stored once. A test class per store inherits this.
/// </summary>
public abstract class TwoInstanceTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(TestData.MondayMorningInNewYork + Duration.FromMinutes(5));
    private readonly ConcurrentMessenger _messenger = new(TestData.Channel);
    private ServiceProvider _a = null!;
    private ServiceProvider _b = null!;

    /// <summary>Registers one instance's stores over the store both instances share.</summary>
    protected abstract void AddStores(IServiceCollection services);

    protected virtual Task CreateSharedStoreAsync() => Task.CompletedTask;

    protected virtual Task DisposeSharedStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await CreateSharedStoreAsync();
        _a = Instance();
        _b = Instance();
        await _a.GetRequiredService<IStoreWriter>().CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent).PutOrganization(TestData.Organization, Expect.Absent));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await DisposeSharedStoreAsync();
    }

    [Fact]
    public async Task Every_due_prompt_goes_out_once_when_both_instances_sweep_and_dispatch_at_once()
    {
        var newYork = Enumerable.Range(1, 12).Select(i => MemberBuilder.ARep($"ny-{i}").InZone("America/New_York").Build()).ToList();
        var london = Enumerable.Range(1, 6).Select(i => MemberBuilder.ARep($"ldn-{i}").InZone("Europe/London").Build()).ToList();
        await SeedAsync([.. newYork, .. london]);

        await Task.WhenAll(InScope<ScheduledPrompts, ScheduleRun>(_a, p => p.RunDueAsync()), InScope<ScheduledPrompts, ScheduleRun>(_b, p => p.RunDueAsync()));
        await DispatchOnBothAsync();

        // 09:05 in New York is 14:05 in London, hours past its nine o'clock: only New York is asked.
        var recipients = _messenger.Sent.Select(s => s.To.OwnerId).ToList();
        Assert.Equal(newYork.Select(m => m.Id).Order(), recipients.Order());
    }

    [Fact]
    public async Task Win_posts_logged_on_either_instance_are_each_sent_once()
    {
        var reps = Enumerable.Range(1, 16).Select(i => MemberBuilder.ARep($"rep-{i}").Build()).ToList();
        await SeedAsync(reps);
        await TeamChannelAsync();
        await DailyPostCapAsync(reps.Count); // every win gets its own post today: this is about sending each once

        await Task.WhenAll(reps.Select((rep, i) => TurnAsync(i % 2 == 0 ? _a : _b, TestRecords.Message(rep.Id, $"win moved account {i} to proposal", _clock.GetCurrentInstant()))));
        await DispatchOnBothAsync();

        var posts = _messenger.Sent.Where(s => s.To.OwnerKind == RecipientKind.Team).Select(s => s.Message.Text).ToList();
        Assert.Equal(reps.Count, posts.Count);
        Assert.Equal(reps.Count, posts.Distinct().Count());
    }

    [Fact]
    public async Task A_check_in_delivered_to_both_instances_is_stored_once_and_celebrated_once()
    {
        await SeedAsync([MemberBuilder.ARep().Build()]);
        await TeamChannelAsync();
        var inbound = TestRecords.Message("rep-1", "calls 40, meetings 5, proposals 2", _clock.GetCurrentInstant(), "same-activity");

        var results = await Task.WhenAll(TurnAsync(_a, inbound), TurnAsync(_b, inbound));
        _clock.Advance(DetectedWins.SettleTime); // posts about the day's numbers wait for them to settle
        await DispatchOnBothAsync();

        Assert.Single(results, r => r.Replies.Count > 0);
        var stored = await _a.GetRequiredService<ICheckInStore>().ListForMemberAsync("rep-1", TestData.Friday, TestData.Friday);
        Assert.Equal(40, Assert.Single(stored).Values["calls"]);
        var wins = await _b.GetRequiredService<IWinStore>().ListForMemberAsync("rep-1", Instant.MinValue, Instant.MaxValue);
        Assert.NotEmpty(wins);
        Assert.Equal(wins.Count, _messenger.Sent.Count(s => s.To.OwnerKind == RecipientKind.Team));
    }

    private ServiceProvider Instance()
    {
        var services = new ServiceCollection()
            .AddSingleton<IClock>(_clock)
            .AddSingleton<IChannelMessenger>(_messenger)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        AddStores(services);
        services.AddSalesBotConversations();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task SeedAsync(IReadOnlyList<Member> members)
    {
        await _a.GetRequiredService<IStoreWriter>().CommitAsync(c =>
        {
            foreach (var member in members)
            {
                c.PutMember(member, Expect.Absent).PutConversation(TestRecords.DirectChat(member.Id, _clock.GetCurrentInstant()));
            }
        });
    }

    private async Task DailyPostCapAsync(int cap)
    {
        var team = await _a.GetRequiredService<IOrganizationStore>().GetTeamAsync(TestData.TeamId);
        await _a.GetRequiredService<IStoreWriter>().CommitAsync(c =>
            c.PutTeam(team!.Value with { Recognition = team.Value.Recognition with { DailyPostCap = cap } }, team.AsExpected));
    }

    private Task TeamChannelAsync() =>
        _a.GetRequiredService<IStoreWriter>().CommitAsync(c => c.PutConversation(TestRecords.TeamChannel(TestData.TeamId, _clock.GetCurrentInstant())));

    /// <summary>Both dispatchers drain the outbox side by side, as two instances' jobs would.</summary>
    private async Task DispatchOnBothAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var sent = await Task.WhenAll(InScope<OutboxDispatcher>(_a, d => d.DispatchDueAsync()), InScope<OutboxDispatcher>(_b, d => d.DispatchDueAsync()));
            if (sent.Sum() == 0)
            {
                return;
            }
        }
    }

    private static async Task<TurnResult> TurnAsync(ServiceProvider instance, InboundEvent inbound)
    {
        using var scope = instance.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IConversationEngine>().HandleAsync(inbound);
    }

    private static async Task<T> InScope<TService, T>(ServiceProvider instance, Func<TService, Task<T>> work)
        where TService : notnull
    {
        using var scope = instance.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static Task<int> InScope<TService>(ServiceProvider instance, Func<TService, Task<int>> work)
        where TService : notnull => InScope<TService, int>(instance, work);
}
