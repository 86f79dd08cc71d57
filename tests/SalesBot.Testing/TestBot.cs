using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Testing;

/// <summary>
/// The real conversation engine over a real SQLite file and a fake clock, driven the way a channel
/// adapter drives it: say something as someone, read the reply.
/// </summary>
public sealed class TestBot : IAsyncDisposable
{
    private readonly TempSqlite _db;
    private readonly ServiceProvider _services;
    private int _eventCounter;

    private TestBot(TempSqlite db, ServiceProvider services, FakeClock clock, RecordingMessenger messenger)
    {
        _db = db;
        _services = services;
        Clock = clock;
        Messenger = messenger;
    }

    public FakeClock Clock { get; }

    public RecordingMessenger Messenger { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestBot> StartAsync(Instant? now = null, Action<IServiceCollection>? configure = null)
    {
        var db = await TempSqlite.CreateAsync();
        var clock = new FakeClock(now ?? TestData.MondayMorningInNewYork);
        var messenger = new RecordingMessenger(TestData.Channel);
        IServiceCollection services = new ServiceCollection()
            .AddSingleton<IClock>(clock)
            .AddSingleton(db.Database)
            .AddSingleton<IChannelMessenger>(messenger)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSalesBotSqliteStores()
            .AddSalesBotConversations();
        configure?.Invoke(services);
        var provider = services
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var bot = new TestBot(db, provider, clock, messenger);
        await bot.CommitAsync(changes => changes
            .PutTeam(TestData.Team, Expect.Absent)
            .PutOrganization(TestData.Organization, Expect.Absent));
        return bot;
    }

    /// <summary>A bot with a small team: reps Ava (<c>rep-1</c>) and Ben (<c>rep-2</c>), and their manager.</summary>
    public static async Task<TestBot> StartWithSmallTeamAsync() =>
        await (await StartAsync()).WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava"),
            MemberBuilder.ARep("rep-2").WithName("Ben"),
            MemberBuilder.AManager());

    /// <summary>Adds (or replaces) members in one commit.</summary>
    public async Task<TestBot> WithMembersAsync(params Member[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        await CommitAsync(changes =>
        {
            foreach (var member in members)
            {
                changes.PutMember(member, Expect.Any);
            }
        });
        return this;
    }

    /// <summary>Writes test data through the store writer, the only way anything is written.</summary>
    public Task CommitAsync(Action<ChangeSet> stage) => Get<IStoreWriter>().CommitAsync(stage);

    /// <summary>Where to reach a member (their 1:1) or a team (its channel) on the test channel.</summary>
    public Task RememberConversationAsync(RecipientKind kind, string ownerId, string conversationId) =>
        CommitAsync(changes => changes.PutConversation(TestRecords.Conversation(kind, ownerId, conversationId, Clock.GetCurrentInstant())));

    /// <summary>Says <paramref name="text"/> in a 1:1 chat as <paramref name="memberId"/>.</summary>
    public Task<TurnResult> SayAsync(string text, string memberId = "rep-1", string? eventId = null) =>
        HandleAsync(Inbound(memberId, eventId) with { Text = text });

    public Task<TurnResult> SubmitAsync(string verb, IReadOnlyDictionary<string, string> values, string memberId = "rep-1", string? eventId = null) =>
        HandleAsync(Inbound(memberId, eventId) with { Kind = InboundEventKind.Submission, Submission = new FormSubmission(verb, values) });

    public async Task<TurnResult> HandleAsync(InboundEvent inbound)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IConversationEngine>().HandleAsync(inbound);
    }

    public Task<int> DispatchOutboxAsync() => InScopeAsync<OutboxDispatcher, int>(d => d.DispatchDueAsync());

    /// <summary>Runs <paramref name="work"/> with a scoped service, as a request or a job would.</summary>
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = _services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public InboundEvent Inbound(string memberId, string? eventId = null) =>
        TestRecords.Message(memberId, string.Empty, Clock.GetCurrentInstant(), eventId ?? $"evt-{Interlocked.Increment(ref _eventCounter)}") with { Text = null };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }
}
