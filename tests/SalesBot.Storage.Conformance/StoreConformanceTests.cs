using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>
/// What every store must do. A test class per implementation inherits this and provides fresh,
/// empty stores; the same assertions then hold for SQLite and Cosmos DB alike.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 14, 0);

    protected StoreSet Stores { get; private set; } = null!;

    /// <summary>Fresh, empty stores for one test.</summary>
    protected abstract Task<StoreSet> CreateStoresAsync();

    protected abstract Task DisposeStoresAsync();

    public async Task InitializeAsync() => Stores = await CreateStoresAsync();

    public Task DisposeAsync() => DisposeStoresAsync();

    [Fact]
    public async Task An_organization_is_found_by_its_workspace()
    {
        await Stores.Organizations.SaveTeamAsync(TestData.Team);
        await Stores.Organizations.SaveOrganizationAsync(TestData.Organization);

        var found = await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace(TestData.Channel, TestData.Tenant));

        Assert.Equal(TestData.OrganizationId, found!.Id);
        Assert.Equal(TestData.Team, await Stores.Organizations.GetTeamAsync(TestData.TeamId));
        Assert.Null(await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace(TestData.Channel, "elsewhere")));
    }

    [Fact]
    public async Task Every_team_is_listed()
    {
        await Stores.Organizations.SaveTeamAsync(TestData.Team);
        await Stores.Organizations.SaveTeamAsync(TestData.Team with { Id = "team-2", Name = "Farmers" });
        await Stores.Organizations.SaveTeamAsync(TestData.Team with { Name = "Renamed" });

        var teams = await Stores.Organizations.ListTeamsAsync();

        Assert.Equal([TestData.TeamId, "team-2"], teams.Select(t => t.Id).Order());
        Assert.Equal("Renamed", teams.Single(t => t.Id == TestData.TeamId).Name);
    }

    [Fact]
    public async Task A_member_round_trips_with_metrics_zone_and_accounts()
    {
        var rep = MemberBuilder.ARep().InZone("Australia/Lord_Howe").StartedOn(new LocalDate(2025, 2, 28)).Build();

        await Stores.Members.SaveAsync(rep);
        var loaded = await Stores.Members.GetAsync(rep.Id);

        Assert.NotNull(loaded);
        Assert.Equal(rep.Metrics, loaded.Metrics);
        Assert.Equal(rep.StartDate, loaded.StartDate);
        Assert.Equal("Australia/Lord_Howe", loaded.TimeZoneId);
        Assert.Equal(rep.ChannelAccounts, loaded.ChannelAccounts);
    }

    [Fact]
    public async Task A_member_is_found_by_channel_account_and_listed_with_their_team()
    {
        await Stores.Members.SaveAsync(MemberBuilder.ARep("a").Build());
        await Stores.Members.SaveAsync(MemberBuilder.ARep("b").Build());
        await Stores.Members.SaveAsync(MemberBuilder.ARep("c").InTeam("other-team").Build());

        var found = await Stores.Members.FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, TestData.Tenant, "b"));
        var team = await Stores.Members.ListTeamAsync(TestData.TeamId);

        Assert.Equal("b", found!.Id);
        Assert.Equal(["a", "b"], team.Select(m => m.Id).Order());
        Assert.Null(await Stores.Members.FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, "other", "b")));
    }

    [Fact]
    public async Task Saving_a_member_again_replaces_them()
    {
        await Stores.Members.SaveAsync(MemberBuilder.ARep().Build());
        await Stores.Members.SaveAsync(MemberBuilder.ARep().WithName("Renamed").InZone("Europe/Berlin").Build());

        var loaded = await Stores.Members.GetAsync("rep-1");

        Assert.Equal("Renamed", loaded!.DisplayName);
        Assert.Single(await Stores.Members.ListTeamAsync(TestData.TeamId));
    }

    [Fact]
    public async Task A_second_check_in_for_the_same_day_replaces_the_first_and_keeps_its_submission_time()
    {
        var first = CheckInBuilder.ACheckIn().With("calls", 10).SubmittedAt(T0).Build();
        var second = CheckInBuilder.ACheckIn().With("calls", 12).SubmittedAt(T0 + Duration.FromHours(1)).Build();

        var created = await Stores.CheckIns.SaveAsync(first);
        var replaced = await Stores.CheckIns.SaveAsync(second);

        Assert.Equal(CheckInSaveKind.Created, created.Kind);
        Assert.Equal(CheckInSaveKind.Replaced, replaced.Kind);
        Assert.Equal(10, replaced.Previous!.Values["calls"]);
        var stored = await Stores.CheckIns.GetAsync("rep-1", first.ReportDate);
        Assert.Equal(12, stored!.Values["calls"]);
        Assert.Equal(T0, stored.SubmittedAt);
        Assert.Equal(T0 + Duration.FromHours(1), stored.UpdatedAt);
    }

    [Fact]
    public async Task Check_ins_are_listed_for_a_member_between_two_days_inclusive_oldest_first()
    {
        foreach (var day in new[] { 16, 20, 18, 23 })
        {
            await Stores.CheckIns.SaveAsync(CheckInBuilder.ACheckIn().On(new LocalDate(2026, 11, day)).Build());
        }

        await Stores.CheckIns.SaveAsync(CheckInBuilder.ACheckIn().For("someone-else").On(new LocalDate(2026, 11, 18)).Build());

        var listed = await Stores.CheckIns.ListForMemberAsync("rep-1", new LocalDate(2026, 11, 18), new LocalDate(2026, 11, 20));

        Assert.Equal([new LocalDate(2026, 11, 18), new LocalDate(2026, 11, 20)], listed.Select(c => c.ReportDate));
    }

    [Fact]
    public async Task Check_in_plan_and_blockers_survive_the_round_trip()
    {
        var checkIn = CheckInBuilder.ACheckIn().WithPlan("Call Acme", "Ünïcødé 🚀 plan").WithBlockers("Waiting on <legal> & \"finance\"").Build();

        await Stores.CheckIns.SaveAsync(checkIn);
        var loaded = await Stores.CheckIns.GetAsync("rep-1", checkIn.ReportDate);

        Assert.Equal(checkIn.Plan, loaded!.Plan);
        Assert.Equal(checkIn.Blockers, loaded.Blockers);
    }

    [Fact]
    public async Task A_win_is_stored_once_per_id()
    {
        var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed Acme", At = T0 };

        Assert.True(await Stores.Wins.AddAsync(win));
        Assert.False(await Stores.Wins.AddAsync(win with { Text = "changed" }));

        var listed = await Stores.Wins.ListForMemberAsync("rep-1", T0 - Duration.FromDays(1), T0 + Duration.FromSeconds(1));
        Assert.Equal("Closed Acme", Assert.Single(listed).Text);
        Assert.Empty(await Stores.Wins.ListForMemberAsync("rep-1", T0 + Duration.FromSeconds(1), T0 + Duration.FromDays(1)));
    }

    [Fact]
    public async Task A_reflection_is_one_per_member_and_month()
    {
        var reflection = new Reflection { MemberId = "rep-1", Month = new YearMonth(2026, 11), Worked = "a", DidNotWork = "b", WillTry = "c", SubmittedAt = T0 };

        await Stores.Reflections.SaveAsync(reflection);
        await Stores.Reflections.SaveAsync(reflection with { WillTry = "d" });

        Assert.Equal("d", (await Stores.Reflections.GetAsync("rep-1", new YearMonth(2026, 11)))!.WillTry);
        Assert.Null(await Stores.Reflections.GetAsync("rep-1", new YearMonth(2026, 10)));
    }

    [Fact]
    public async Task The_latest_conversation_reference_for_an_owner_wins()
    {
        var older = Reference("conv-a", T0, "slack");
        var newer = Reference("conv-b", T0 + Duration.FromMinutes(1), "msteams");

        await Stores.References.SaveAsync(older);
        await Stores.References.SaveAsync(newer);
        await Stores.References.SaveAsync(Reference("conv-c", T0, "slack") with { OwnerId = "someone-else" });

        var found = await Stores.References.FindAsync(RecipientKind.Member, "rep-1");
        Assert.Equal("conv-b", found!.ConversationId);
        Assert.Equal("https://smba.example/amer/", found.Property("serviceUrl"));
        Assert.Null(await Stores.References.FindAsync(RecipientKind.Team, "rep-1"));
    }

    [Fact]
    public async Task An_outbox_key_is_enqueued_once()
    {
        Assert.True(await Stores.Outbox.TryEnqueueAsync(Message("win:1", T0)));
        Assert.False(await Stores.Outbox.TryEnqueueAsync(Message("win:1", T0) with { Message = OutboundMessage.Plain("other") }));

        Assert.Equal("hello", (await Stores.Outbox.GetAsync("win:1"))!.Message.Text);
    }

    [Fact]
    public async Task Claiming_leases_due_messages_so_a_second_claim_gets_none()
    {
        await Stores.Outbox.TryEnqueueAsync(Message("due", T0));
        await Stores.Outbox.TryEnqueueAsync(Message("later", T0 + Duration.FromHours(1)));

        var first = await Stores.Outbox.ClaimDueAsync(T0, T0 + Duration.FromMinutes(2), 10);
        var second = await Stores.Outbox.ClaimDueAsync(T0, T0 + Duration.FromMinutes(2), 10);
        var afterLease = await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromMinutes(3), T0 + Duration.FromMinutes(5), 10);

        Assert.Equal("due", Assert.Single(first).Key);
        Assert.Empty(second);
        Assert.Equal("due", Assert.Single(afterLease).Key);
    }

    [Fact]
    public async Task A_sent_message_is_never_claimed_again_and_keeps_its_rich_content()
    {
        var message = Message("post", T0) with
        {
            Message = new OutboundMessage
            {
                Text = "t",
                Blocks = [new Heading("h"), new FactList([new Fact("Calls", "32")]), new Table(["a"], [["1"]])],
                Form = new Form("v", "title", [new NumberInput("calls", "Calls", 0, 10)], "Go"),
            },
        };
        await Stores.Outbox.TryEnqueueAsync(message);
        var claimed = Assert.Single(await Stores.Outbox.ClaimDueAsync(T0, T0 + Duration.FromMinutes(2), 10));

        await Stores.Outbox.UpdateAsync(claimed with { Status = OutboxStatus.Sent, SentAt = T0, Attempts = 1 });

        Assert.Empty(await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromDays(1), T0 + Duration.FromDays(2), 10));
        var stored = await Stores.Outbox.GetAsync("post");
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
        Assert.IsType<Table>(stored.Message.Blocks[2]);
        Assert.IsType<NumberInput>(stored.Message.Form!.Inputs[0]);
    }

    [Fact]
    public async Task A_processed_event_is_recognised_the_second_time()
    {
        Assert.True(await Stores.ProcessedEvents.TryMarkAsync("slack:Ev1", T0));
        Assert.False(await Stores.ProcessedEvents.TryMarkAsync("slack:Ev1", T0 + Duration.FromMinutes(1)));
        Assert.True(await Stores.ProcessedEvents.TryMarkAsync("slack:Ev2", T0));
    }

    [Fact]
    public async Task A_forgotten_event_can_be_marked_again()
    {
        await Stores.ProcessedEvents.TryMarkAsync("slack:Ev1", T0);

        await Stores.ProcessedEvents.ForgetAsync("slack:Ev1");
        await Stores.ProcessedEvents.ForgetAsync("never-seen");

        Assert.True(await Stores.ProcessedEvents.TryMarkAsync("slack:Ev1", T0));
    }

    private static ConversationReference Reference(string conversationId, Instant at, string channel) => new()
    {
        OwnerKind = RecipientKind.Member,
        OwnerId = "rep-1",
        Channel = channel,
        TenantId = TestData.Tenant,
        ConversationId = conversationId,
        Scope = ConversationScope.Personal,
        UserId = "29:abc",
        Properties = new Dictionary<string, string> { ["serviceUrl"] = "https://smba.example/amer/" },
        UpdatedAt = at,
    };

    private static OutboxMessage Message(string key, Instant due) => new()
    {
        Key = key,
        RecipientKind = RecipientKind.Team,
        RecipientId = TestData.TeamId,
        Message = OutboundMessage.Plain("hello"),
        CreatedAt = T0,
        NextAttemptAt = due,
    };
}
