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
public abstract partial class StoreConformanceTests : IAsyncLifetime
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
        await Stores.CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent).PutOrganization(TestData.Organization, Expect.Absent));

        var found = await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace(TestData.Channel, TestData.Tenant));

        Assert.Equal(TestData.OrganizationId, found!.Id);
        Assert.Equal(TestData.Team, (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value);
        Assert.Equal("Test Org", (await Stores.Organizations.GetOrganizationAsync(TestData.OrganizationId))!.Value.Name);
        Assert.Null(await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace(TestData.Channel, "elsewhere")));
    }

    [Fact]
    public async Task An_organizations_teams_are_listed_by_name_with_their_latest_settings_and_no_other_organizations()
    {
        await Stores.CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent).PutOrganization(TestData.Organization, Expect.Absent)
            .PutTeam(TestData.Team with { Id = "team-2", Name = "East Sales" }, Expect.Absent)
            .PutTeam(TestData.Team with { Id = "team-x", OrganizationId = "org-x", Name = "Elsewhere" }, Expect.Absent));
        var stored = await Stores.Organizations.GetTeamAsync("team-2");
        await Stores.CommitAsync(c => c.PutTeam(stored!.Value with { Name = "Atlantic Sales" }, stored.AsExpected));

        var teams = await Stores.Organizations.ListTeamsAsync(TestData.OrganizationId);

        Assert.Equal(["Atlantic Sales", TestData.Team.Name], teams.Select(t => t.Name));
        Assert.Equal("Elsewhere", Assert.Single(await Stores.Organizations.ListTeamsAsync("org-x")).Name);
        Assert.Empty(await Stores.Organizations.ListTeamsAsync("org-none"));
    }

    [Fact]
    public async Task A_workspace_dropped_from_an_organization_no_longer_finds_it()
    {
        await Stores.CommitAsync(c => c.PutOrganization(TestData.Organization with { Workspaces = [new Workspace("slack", "T1"), new Workspace("slack", "T2")] }, Expect.Absent));
        var stored = await Stores.Organizations.GetOrganizationAsync(TestData.OrganizationId);

        await Stores.CommitAsync(c => c.PutOrganization(stored!.Value with { Workspaces = [new Workspace("slack", "T2")] }, stored.AsExpected));

        Assert.Null(await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace("slack", "T1")));
        Assert.Equal(TestData.OrganizationId, (await Stores.Organizations.FindOrganizationByWorkspaceAsync(new Workspace("slack", "T2")))!.Id);
    }

    [Fact]
    public async Task Creating_what_exists_already_is_a_conflict()
    {
        await Stores.CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent));

        await Assert.ThrowsAsync<StoreConflictException>(() => Stores.CommitAsync(c => c.PutTeam(TestData.Team with { Name = "Other" }, Expect.Absent)));

        Assert.Equal(TestData.Team.Name, (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value.Name);
    }

    [Fact]
    public async Task A_member_round_trips_with_metrics_zone_and_accounts()
    {
        var rep = MemberBuilder.ARep().InZone("Australia/Lord_Howe").StartedOn(new LocalDate(2025, 2, 28)).Build();

        await Stores.CommitAsync(c => c.PutMember(rep, Expect.Absent));
        var loaded = (await Stores.Members.GetAsync(TestData.TeamId, rep.Id))?.Value;

        Assert.NotNull(loaded);
        Assert.Equal(rep.Metrics, loaded.Metrics);
        Assert.Equal(rep.StartDate, loaded.StartDate);
        Assert.Equal("Australia/Lord_Howe", loaded.TimeZoneId);
        Assert.Equal(rep.ChannelAccounts, loaded.ChannelAccounts);
    }

    [Fact]
    public async Task A_member_is_found_by_channel_account_and_listed_with_their_team()
    {
        await Stores.CommitAsync(c => c
            .PutMember(MemberBuilder.ARep("a").Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("b").Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("c").InTeam("other-team").Build(), Expect.Absent));

        var found = await Stores.Members.FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, TestData.Tenant, "b"));
        var team = await Stores.Members.ListTeamAsync(TestData.TeamId);

        Assert.Equal("b", found!.Value.Id);
        Assert.Equal(["a", "b"], team.Select(m => m.Id));
        Assert.Null(await Stores.Members.FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, "other", "b")));
        Assert.Null(await Stores.Members.GetAsync("other-team", "a"));
    }

    [Fact]
    public async Task Saving_a_member_at_the_version_read_replaces_them_and_moves_their_accounts()
    {
        var rep = MemberBuilder.ARep().Build();
        await Stores.CommitAsync(c => c.PutMember(rep, Expect.Absent));
        var read = await Stores.Members.GetAsync(TestData.TeamId, rep.Id);
        var renamed = read!.Value with
        {
            DisplayName = "Renamed",
            ChannelAccounts = [new ChannelAccount("slack", "T1", "U1")],
        };

        await Stores.CommitAsync(c => c.PutMember(renamed, read.AsExpected, previous: read.Value));

        var loaded = await Stores.Members.GetAsync(TestData.TeamId, rep.Id);
        Assert.Equal("Renamed", loaded!.Value.DisplayName);
        Assert.NotEqual(read.Version, loaded.Version);
        Assert.Single(await Stores.Members.ListTeamAsync(TestData.TeamId));
        Assert.Equal(rep.Id, (await Stores.Members.FindByChannelAccountAsync(new ChannelAccount("slack", "T1", "U1")))!.Value.Id);
        Assert.Null(await Stores.Members.FindByChannelAccountAsync(rep.ChannelAccounts[0]));
    }

    [Fact]
    public async Task Saving_a_member_at_a_stale_version_is_a_conflict_and_keeps_the_newer_save()
    {
        await Stores.CommitAsync(c => c.PutMember(MemberBuilder.ARep().Build(), Expect.Absent));
        var read = await Stores.Members.GetAsync(TestData.TeamId, "rep-1");
        await Stores.CommitAsync(c => c.PutMember(read!.Value with { DisplayName = "First writer" }, read.AsExpected, read.Value));

        await Assert.ThrowsAsync<StoreConflictException>(() =>
            Stores.CommitAsync(c => c.PutMember(read!.Value with { DisplayName = "Second writer" }, read.AsExpected, read.Value)));

        Assert.Equal("First writer", (await Stores.Members.GetAsync(TestData.TeamId, "rep-1"))!.Value.DisplayName);
    }

    [Fact]
    public async Task Members_are_indexed_by_time_zone_and_move_when_it_changes()
    {
        var ava = MemberBuilder.ARep("ava").InZone("America/New_York").Build();
        await Stores.CommitAsync(c => c
            .PutMember(ava, Expect.Absent)
            .PutMember(MemberBuilder.ARep("ben").InZone("Europe/London").Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("cat").InZone("Europe/London").InTeam("team-2").Build(), Expect.Absent));
        var read = await Stores.Members.GetAsync(TestData.TeamId, "ava");

        await Stores.CommitAsync(c => c.PutMember(ava with { TimeZoneId = "Europe/London" }, read!.AsExpected, previous: ava));

        Assert.Contains("Europe/London", await Stores.Schedule.ListTimeZonesAsync());
        Assert.Equal(
            [new MemberKey(TestData.TeamId, "ava"), new MemberKey(TestData.TeamId, "ben"), new MemberKey("team-2", "cat")],
            (await Stores.Schedule.ListMembersInZoneAsync("Europe/London")).OrderBy(k => k.MemberId));
        Assert.Empty(await Stores.Schedule.ListMembersInZoneAsync("America/New_York"));
    }

    [Fact]
    public async Task A_check_in_saved_at_the_version_read_replaces_the_first()
    {
        var first = CheckInBuilder.ACheckIn().With("calls", 10).SubmittedAt(T0).Build();
        await Stores.CommitAsync(c => c.PutCheckIn(first, Expect.Absent));
        var read = await Stores.CheckIns.GetAsync("rep-1", first.ReportDate);

        await Stores.CommitAsync(c => c.PutCheckIn(read!.Value with { Values = new Dictionary<string, int> { ["calls"] = 12 }, UpdatedAt = T0 + Duration.FromHours(1) }, read.AsExpected));

        var stored = await Stores.CheckIns.GetAsync("rep-1", first.ReportDate);
        Assert.Equal(12, stored!.Value.Values["calls"]);
        Assert.Equal(T0, stored.Value.SubmittedAt);
        Assert.Equal(T0 + Duration.FromHours(1), stored.Value.UpdatedAt);
    }

    [Fact]
    public async Task Two_first_check_ins_for_the_same_day_conflict_instead_of_one_overwriting_the_other()
    {
        await Stores.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().With("calls", 10).Build(), Expect.Absent));

        await Assert.ThrowsAsync<StoreConflictException>(() =>
            Stores.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().With("calls", 99).Build(), Expect.Absent)));

        Assert.Equal(10, (await Stores.CheckIns.GetAsync("rep-1", TestData.Friday))!.Value.Values["calls"]);
    }

    [Fact]
    public async Task Check_ins_are_listed_for_a_member_between_two_days_inclusive_oldest_first()
    {
        await Stores.CommitAsync(c =>
        {
            foreach (var day in (int[])[16, 20, 18, 23])
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().On(new LocalDate(2026, 11, day)).Build(), Expect.Absent);
            }

            c.PutCheckIn(CheckInBuilder.ACheckIn().For("someone-else").On(new LocalDate(2026, 11, 18)).Build(), Expect.Absent);
        });

        var listed = await Stores.CheckIns.ListForMemberAsync("rep-1", new LocalDate(2026, 11, 18), new LocalDate(2026, 11, 20));

        Assert.Equal([new LocalDate(2026, 11, 18), new LocalDate(2026, 11, 20)], listed.Select(c => c.ReportDate));
    }

    [Fact]
    public async Task Check_in_plan_and_blockers_survive_the_round_trip()
    {
        var checkIn = CheckInBuilder.ACheckIn().WithPlan("Call Acme", "Ünïcødé 🚀 plan").WithBlockers("Waiting on <legal> & \"finance\"").Build();

        await Stores.CommitAsync(c => c.PutCheckIn(checkIn, Expect.Any));
        var loaded = (await Stores.CheckIns.GetAsync("rep-1", checkIn.ReportDate))!.Value;

        Assert.Equal(checkIn.Plan, loaded.Plan);
        Assert.Equal(checkIn.Blockers, loaded.Blockers);
    }

    [Fact]
    public async Task A_win_is_stored_once_per_id()
    {
        var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed Acme", At = T0 };

        await Stores.CommitAsync(c => c.AddWin(win));
        await Stores.CommitAsync(c => c.AddWin(win with { Text = "changed" }));

        Assert.Equal("Closed Acme", (await Stores.Wins.GetAsync("rep-1", "w1"))!.Text);
        Assert.Null(await Stores.Wins.GetAsync("rep-1", "w2"));
        var listed = await Stores.Wins.ListForMemberAsync("rep-1", T0 - Duration.FromDays(1), T0 + Duration.FromSeconds(1));
        Assert.Equal("Closed Acme", Assert.Single(listed).Text);
        Assert.Empty(await Stores.Wins.ListForMemberAsync("rep-1", T0 + Duration.FromSeconds(1), T0 + Duration.FromDays(1)));
    }

    [Fact]
    public async Task A_wins_account_stages_and_amount_round_trip()
    {
        var stage = new Win
        {
            Id = "w-stage", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.StageAdvanced, Text = "moved Acme from Discovery to Proposal", At = T0,
            Account = "Acme & Sons <Ltd>", FromStage = "Discovery", ToStage = "Proposal",
        };
        var deal = new Win { Id = "w-deal", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "closed Contoso", At = T0, Account = "Contoso", Amount = 12345.67m };
        var first = deal with { Id = "detected:rep-1:2026-11:first-deal", Kind = WinKind.FirstDealOfMonth };

        await Stores.CommitAsync(c => c.AddWin(stage).AddWin(deal).AddWin(first));

        Assert.Equal(stage, await Stores.Wins.GetAsync("rep-1", "w-stage"));
        Assert.Equal(deal, await Stores.Wins.GetAsync("rep-1", "w-deal"));
        Assert.Equal(first, await Stores.Wins.GetAsync("rep-1", first.Id));
    }

    [Fact]
    public async Task A_teams_pipeline_and_a_members_quota_round_trip_and_old_documents_get_the_defaults()
    {
        var team = TestData.Team with { Pipeline = SalesBot.Core.Pipeline.PipelineStages.Of(["Lead", "Demo", "Closed won"]) };
        var rep = MemberBuilder.ARep().WithQuota(5, 40000.5m, "€").Build();

        await Stores.CommitAsync(c => c.PutTeam(team, Expect.Absent).PutMember(rep, Expect.Absent).PutMember(MemberBuilder.ARep("rep-2").Build(), Expect.Absent));

        Assert.Equal(team, (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value);
        Assert.Equal(rep.Quota, (await Stores.Members.GetAsync(TestData.TeamId, rep.Id))!.Value.Quota);
        Assert.Null((await Stores.Members.GetAsync(TestData.TeamId, "rep-2"))!.Value.Quota);
        var old = DocumentJson.Deserialize<Team>("""{"id":"t-old","organizationId":"o","name":"Old","defaultTimeZone":"UTC"}""");
        var oldWin = DocumentJson.Deserialize<Win>("""{"id":"w","memberId":"m","teamId":"t","kind":"DealClosed","text":"closed Acme","at":"2026-11-23T14:00:00Z"}""");
        Assert.Equal(SalesBot.Core.Pipeline.PipelineStages.Default, old.Pipeline);
        Assert.Equal((null, null, null, null), (oldWin.Account, oldWin.FromStage, oldWin.ToStage, oldWin.Amount));
    }

    [Fact]
    public async Task A_reflection_is_one_per_member_and_month()
    {
        var reflection = new Reflection { MemberId = "rep-1", Month = new YearMonth(2026, 11), Worked = "a", DidNotWork = "b", WillTry = "c", SubmittedAt = T0 };

        await Stores.CommitAsync(c => c.PutReflection(reflection));
        await Stores.CommitAsync(c => c.PutReflection(reflection with { WillTry = "d" }));

        Assert.Equal("d", (await Stores.Reflections.GetAsync("rep-1", new YearMonth(2026, 11)))!.WillTry);
        Assert.Null(await Stores.Reflections.GetAsync("rep-1", new YearMonth(2026, 10)));
    }

    [Fact]
    public async Task The_latest_conversation_reference_for_an_owner_wins()
    {
        await Stores.CommitAsync(c => c
            .PutConversation(Reference("conv-a", T0, "slack"))
            .PutConversation(Reference("conv-b", T0 + Duration.FromMinutes(1), "msteams"))
            .PutConversation(Reference("conv-c", T0, "slack") with { OwnerId = "someone-else" }));

        var found = await Stores.References.FindAsync(RecipientKind.Member, "rep-1");
        Assert.Equal("conv-b", found!.ConversationId);
        Assert.Equal("https://smba.example/amer/", found.Property("serviceUrl"));
        Assert.Null(await Stores.References.FindAsync(RecipientKind.Team, "rep-1"));
    }

    [Fact]
    public async Task An_outbox_key_is_enqueued_once()
    {
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("win:1", T0)));
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("win:1", T0) with { Message = OutboundMessage.Plain("other") }));

        Assert.Equal("hello", (await Stores.Outbox.GetAsync("win:1"))!.Message.Text);
    }

    [Fact]
    public async Task Claiming_leases_due_messages_so_a_second_dispatcher_gets_none_until_the_lease_ends()
    {
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("due", T0)).Enqueue(TestRecords.TeamPost("later", T0 + Duration.FromHours(1))));

        var first = await Stores.Outbox.ClaimDueAsync(T0, "a", T0 + Duration.FromMinutes(2), 10);
        var second = await Stores.Outbox.ClaimDueAsync(T0, "b", T0 + Duration.FromMinutes(2), 10);
        var afterLease = await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromMinutes(3), "b", T0 + Duration.FromMinutes(5), 10);

        var lease = Assert.Single(first);
        Assert.Equal(("due", "a"), (lease.Message.Key, lease.Message.LeaseOwner));
        Assert.Empty(second);
        Assert.Equal("b", Assert.Single(afterLease).Message.LeaseOwner);
        Assert.False(await Stores.Outbox.CompleteAsync(lease, lease.Message with { Status = OutboxStatus.Sent, SentAt = T0 }));
        Assert.True(await Stores.Outbox.CompleteAsync(afterLease[0], afterLease[0].Message with { Status = OutboxStatus.Sent, SentAt = T0 }));
    }

    [Fact]
    public async Task A_sent_message_is_never_claimed_again_and_keeps_its_rich_content()
    {
        var message = TestRecords.TeamPost("post", T0) with
        {
            Message = new OutboundMessage
            {
                Text = "t",
                Blocks = [new Heading("h"), new FactList([new Fact("Calls", "32")]), new Table(["a"], [["1"]])],
                Form = new Form("v", "title", [new NumberInput("calls", "Calls", 0, 10)], "Go"),
            },
        };
        await Stores.CommitAsync(c => c.Enqueue(message));
        var lease = Assert.Single(await Stores.Outbox.ClaimDueAsync(T0, "a", T0 + Duration.FromMinutes(2), 10));

        Assert.True(await Stores.Outbox.CompleteAsync(lease, lease.Message with { Status = OutboxStatus.Sent, SentAt = T0, Attempts = 1, LeaseOwner = null }));

        Assert.Empty(await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromDays(1), "a", T0 + Duration.FromDays(2), 10));
        var stored = await Stores.Outbox.GetAsync("post");
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
        Assert.IsType<Table>(stored.Message.Blocks[2]);
        Assert.IsType<NumberInput>(stored.Message.Form!.Inputs[0]);
    }

    [Fact]
    public async Task A_message_retried_later_is_claimed_again_when_it_is_due()
    {
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("retry", T0)));
        var lease = Assert.Single(await Stores.Outbox.ClaimDueAsync(T0, "a", T0 + Duration.FromMinutes(2), 10));
        await Stores.Outbox.CompleteAsync(lease, lease.Message with { Attempts = 1, NextAttemptAt = T0 + Duration.FromSeconds(30), LeaseOwner = null });

        Assert.Empty(await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromSeconds(10), "a", T0 + Duration.FromMinutes(2), 10));
        Assert.Equal(2, Assert.Single(await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromSeconds(30), "a", T0 + Duration.FromMinutes(3), 10)).Message.Attempts);
    }

    [Fact]
    public async Task Every_lease_counts_as_an_attempt_even_one_that_never_reports_back()
    {
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("poison", T0)));

        var first = Assert.Single(await Stores.Outbox.ClaimDueAsync(T0, "a", T0 + Duration.FromMinutes(2), 10));
        var afterCrash = Assert.Single(await Stores.Outbox.ClaimDueAsync(T0 + Duration.FromMinutes(2), "b", T0 + Duration.FromMinutes(4), 10));

        Assert.Equal((1, 2), (first.Message.Attempts, afterCrash.Message.Attempts));
        Assert.Equal(2, (await Stores.Outbox.GetAsync("poison"))!.Attempts);
    }

    [Fact]
    public async Task An_event_is_claimed_once_then_in_progress_then_done()
    {
        Assert.Equal(EventClaim.Claimed, await Stores.Events.TryClaimAsync("slack:Ev1", T0, Duration.FromMinutes(2)));
        Assert.Equal(EventClaim.InProgress, await Stores.Events.TryClaimAsync("slack:Ev1", T0 + Duration.FromSeconds(5), Duration.FromMinutes(2)));
        Assert.Equal(EventClaim.Claimed, await Stores.Events.TryClaimAsync("slack:Ev2", T0, Duration.FromMinutes(2)));

        await Stores.CommitAsync(c => c.CompleteEvent("slack:Ev1", T0 + Duration.FromSeconds(1)));

        Assert.Equal(EventClaim.Done, await Stores.Events.TryClaimAsync("slack:Ev1", T0 + Duration.FromHours(1), Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task An_expired_claim_of_a_turn_that_died_is_taken_over_by_the_redelivery()
    {
        await Stores.Events.TryClaimAsync("msteams:a1", T0, Duration.FromMinutes(2));

        Assert.Equal(EventClaim.InProgress, await Stores.Events.TryClaimAsync("msteams:a1", T0 + Duration.FromMinutes(1), Duration.FromMinutes(2)));
        Assert.Equal(EventClaim.Claimed, await Stores.Events.TryClaimAsync("msteams:a1", T0 + Duration.FromMinutes(2), Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task A_released_event_can_be_claimed_again_but_a_done_one_cannot_be_released()
    {
        await Stores.Events.TryClaimAsync("slack:Ev1", T0, Duration.FromMinutes(2));
        await Stores.Events.ReleaseAsync("slack:Ev1");
        await Stores.Events.ReleaseAsync("never-seen");
        Assert.Equal(EventClaim.Claimed, await Stores.Events.TryClaimAsync("slack:Ev1", T0, Duration.FromMinutes(2)));

        await Stores.CommitAsync(c => c.CompleteEvent("slack:Ev1", T0));
        await Stores.Events.ReleaseAsync("slack:Ev1");

        Assert.Equal(EventClaim.Done, await Stores.Events.TryClaimAsync("slack:Ev1", T0 + Duration.FromMinutes(5), Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task A_done_mark_is_forgotten_after_its_retention()
    {
        await Stores.Events.TryClaimAsync("slack:Ev1", T0, Duration.FromMinutes(2));
        await Stores.CommitAsync(c => c.CompleteEvent("slack:Ev1", T0));

        Assert.Equal(EventClaim.Done, await Stores.Events.TryClaimAsync("slack:Ev1", T0 + Retention.EventMarks - Duration.FromMinutes(1), Duration.FromMinutes(2)));
        Assert.Equal(EventClaim.Claimed, await Stores.Events.TryClaimAsync("slack:Ev1", T0 + Retention.EventMarks, Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task An_installation_is_found_by_channel_and_workspace_and_a_reinstall_replaces_it()
    {
        var installed = new ChannelInstallation("slack", "T1", "Acme", "xoxb-1", "UBOT", "A1", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

        await Stores.CommitAsync(c => c.PutInstallation(installed));
        await Stores.CommitAsync(c => c.PutInstallation(installed with { BotToken = "xoxb-2" }));

        Assert.Equal(installed with { BotToken = "xoxb-2" }, await Stores.Installations.FindAsync("slack", "T1"));
        Assert.Null(await Stores.Installations.FindAsync("slack", "T2"));
        Assert.Null(await Stores.Installations.FindAsync("msteams", "T1"));
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
}
