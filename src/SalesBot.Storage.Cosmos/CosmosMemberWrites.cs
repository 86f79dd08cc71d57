using System.Net;
using Microsoft.Azure.Cosmos;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// A member in their team's partition, plus what points at them: channel-account lookups and their
/// entry in the time-zone schedule. Only what changed against <see cref="MemberPut.Previous"/> is
/// written, so a profile save that keeps accounts and zone costs one write.
/// </summary>
internal sealed class CosmosMemberWrites(CosmosDatabase db)
{
    public async Task PutAsync(MemberPut change, CancellationToken ct)
    {
        var (member, previous) = (change.Member, change.Previous);
        await CosmosItems.WriteAsync(db.Directory, new CosmosDocument<Member>
        {
            Id = CosmosKeys.MemberId(member.Id), Pk = CosmosKeys.TeamPk(member.TeamId), Type = "member", Sort = member.Id, Body = member,
        }, change.Expect, ct);

        if (previous is not null && previous.TeamId != member.TeamId)
        {
            // Moved team: the roster partition changes, so the old item goes.
            await CosmosItems.DeleteIfExistsAsync(db.Directory, CosmosKeys.MemberId(member.Id), CosmosKeys.TeamPk(previous.TeamId), ct);
        }

        await PutAccountsAsync(member, previous, ct);
        await PutScheduleAsync(member, previous, ct);
    }

    private async Task PutAccountsAsync(Member member, Member? previous, CancellationToken ct)
    {
        var key = new MemberKey(member.TeamId, member.Id);
        var unchanged = previous is not null && previous.TeamId == member.TeamId;
        foreach (var account in member.ChannelAccounts.Where(a => !unchanged || !previous!.ChannelAccounts.Contains(a)))
        {
            var id = CosmosKeys.AccountLookup(account);
            await CosmosItems.WriteAsync(db.Lookups, CosmosStoreWriter.Lookup(id, "account", key), Expect.Any, ct);
        }

        foreach (var gone in (previous?.ChannelAccounts ?? []).Except(member.ChannelAccounts))
        {
            var id = CosmosKeys.AccountLookup(gone);
            var lookup = await CosmosItems.ReadAsync<MemberKey>(db.Lookups, id, id, ct);
            if (lookup?.Body.MemberId == member.Id)
            {
                await CosmosItems.DeleteIfExistsAsync(db.Lookups, id, id, ct);
            }
        }
    }

    private async Task PutScheduleAsync(Member member, Member? previous, CancellationToken ct)
    {
        if (previous is not null && previous.TimeZoneId == member.TimeZoneId && previous.TeamId == member.TeamId)
        {
            return;
        }

        var zonePk = CosmosKeys.ZonePk(member.TimeZoneId);
        await CosmosItems.WriteAsync(db.Schedule, new CosmosDocument<MemberKey>
        {
            Id = CosmosKeys.MemberId(member.Id), Pk = zonePk, Type = "due", Sort = member.Id, Body = new MemberKey(member.TeamId, member.Id),
        }, Expect.Any, ct);
        await EditZonesAsync(zones => zones.Add(member.TimeZoneId), ct);

        if (previous is not null && previous.TimeZoneId != member.TimeZoneId)
        {
            await CosmosItems.DeleteIfExistsAsync(db.Schedule, CosmosKeys.MemberId(member.Id), CosmosKeys.ZonePk(previous.TimeZoneId), ct);
            var left = await CosmosQuery.ListAsync<string>(db.Schedule, CosmosKeys.ZonePk(previous.TimeZoneId),
                "SELECT TOP 1 VALUE c.id FROM c WHERE c.pk = @pk AND c.type = 'due'", ct);
            if (left.Count == 0)
            {
                await EditZonesAsync(zones => zones.Remove(previous.TimeZoneId), ct);
            }
        }
    }

    /// <summary>Read-modify-write of the zone catalogue on its ETag; writes only when the set changes.</summary>
    private async Task EditZonesAsync(Func<SortedSet<string>, bool> edit, CancellationToken ct)
    {
        const string id = CosmosKeys.ZoneCatalogue;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await CosmosItems.ReadAsync<List<string>>(db.Schedule, id, id, ct);
            var zones = new SortedSet<string>(current?.Body ?? [], StringComparer.Ordinal);
            if (!edit(zones))
            {
                return;
            }

            var document = CosmosStoreWriter.Lookup<List<string>>(id, "zones", [.. zones]);
            try
            {
                await CosmosItems.WriteAsync(db.Schedule, document, current is null ? Expect.Absent : Expect.Version(current.ETag!), ct);
                return;
            }
            catch (StoreConflictException e) when (e.InnerException is CosmosException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed })
            {
                // Another member's save edited the catalogue first: read it again.
            }
        }

        throw new StoreConflictException("The time-zone catalogue kept changing; try again.");
    }
}
