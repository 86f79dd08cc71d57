using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>Kudos on a win, and what the outbox remembers of a sent post so that a kudos press can be checked against it.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly Instant KudosAt = Instant.FromUtc(2026, 11, 23, 15, 0);

    private static Win KudosWin => new() { Id = "test:evt-1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.StageAdvanced, Text = "Moved Acme to proposal", At = KudosAt };

    [Fact]
    public async Task Kudos_round_trip_with_their_givers_in_order()
    {
        var kudos = WinKudos.For(KudosWin).Give(new KudosGiver("rep-2", "Ben", KudosAt)).Kudos.Give(new KudosGiver("rep-3", "Chloe", KudosAt + Duration.FromMinutes(1))).Kudos;

        await Stores.CommitAsync(c => c.PutKudos(kudos, Expect.Absent));

        var loaded = (await Stores.Kudos.GetAsync("rep-1", KudosWin.Id))!.Value;
        Assert.Equal(["Ben", "Chloe"], loaded.Givers.Select(g => g.Name));
        Assert.Equal(KudosAt + Duration.FromMinutes(1), loaded.Givers[1].At);
        Assert.Equal(TestData.TeamId, loaded.TeamId);
        Assert.Null(await Stores.Kudos.GetAsync("rep-2", KudosWin.Id)); // kept with the rep's history, not the giver's
        Assert.Null(await Stores.Kudos.GetAsync("rep-1", "test:evt-other"));
    }

    [Fact]
    public async Task Two_presses_on_the_same_version_of_the_kudos_cannot_both_be_saved()
    {
        var empty = WinKudos.For(KudosWin);
        await Stores.CommitAsync(c => c.PutKudos(empty.Give(new KudosGiver("rep-2", "Ben", KudosAt)).Kudos, Expect.Absent));
        await Assert.ThrowsAsync<StoreConflictException>(() =>
            Stores.CommitAsync(c => c.PutKudos(empty.Give(new KudosGiver("rep-3", "Chloe", KudosAt)).Kudos, Expect.Absent)));

        var read = (await Stores.Kudos.GetAsync("rep-1", KudosWin.Id))!;
        var withChloe = read.Value.Give(new KudosGiver("rep-3", "Chloe", KudosAt)).Kudos;
        var withDiego = read.Value.Give(new KudosGiver("rep-4", "Diego", KudosAt)).Kudos;
        await Stores.CommitAsync(c => c.PutKudos(withChloe, read.AsExpected));
        await Assert.ThrowsAsync<StoreConflictException>(() => Stores.CommitAsync(c => c.PutKudos(withDiego, read.AsExpected)));

        // The loser reads again and both count.
        var again = (await Stores.Kudos.GetAsync("rep-1", KudosWin.Id))!;
        await Stores.CommitAsync(c => c.PutKudos(again.Value.Give(new KudosGiver("rep-4", "Diego", KudosAt)).Kudos, again.AsExpected));
        Assert.Equal(["rep-2", "rep-3", "rep-4"], (await Stores.Kudos.GetAsync("rep-1", KudosWin.Id))!.Value.Givers.Select(g => g.MemberId));
    }

    [Fact]
    public async Task A_sent_post_remembers_where_it_went_and_the_channels_id_for_it()
    {
        await Stores.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("win:test:evt-1", KudosAt)));
        var lease = Assert.Single(await Stores.Outbox.ClaimDueAsync(KudosAt, "a", KudosAt + Duration.FromMinutes(2), 10));

        await Stores.Outbox.CompleteAsync(lease, lease.Message with
        {
            Status = OutboxStatus.Sent, SentAt = KudosAt, LeaseOwner = null, Sent = new SentMessage("channel-team-1", "1700000000.000100"),
        });

        var sent = (await Stores.Outbox.GetAsync("win:test:evt-1"))!;
        Assert.Equal(new SentMessage("channel-team-1", "1700000000.000100"), sent.Sent);
    }
}
