using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Bench;

/// <summary>One enrolled Teams rep of the fan-out: their tenant, zone and 1:1 conversation.</summary>
internal sealed record FanOutMember(int Tenant, int Index, string TenantId, string ZoneId, string ConversationId)
{
    /// <summary>As enrolment names a member (MemberDirectory): a hash of the account, so members of all tenants interleave in key order.</summary>
    public string MemberId => "m-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"msteams|{TenantId}|{UserId}")))[..16];
    public string UserId => string.Create(CultureInfo.InvariantCulture, $"29:fanout-{Tenant}-{Index:D5}");
}

/// <summary>
/// Who is due when: <c>tenants</c> Teams tenants of equal size, their reps spread over several zones, each
/// rep's own check-in time set to the local time of <see cref="Due"/> in their zone, so every prompt comes
/// due at that one instant without waiting for a real 9 a.m. Zones are taken from a list around the world,
/// keeping those where the due instant falls between 01:00 and 22:00 local (the prompt then has hours of
/// its day left before it would expire).
/// </summary>
internal sealed class FanOutPlan
{
    private static readonly string[] Candidates =
    [
        "America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Berlin",
        "Asia/Kolkata", "Asia/Kathmandu", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    ];

    private FanOutPlan(Instant due, IReadOnlyList<FanOutMember> members, IReadOnlyList<string> zones, IReadOnlyList<string> tenants)
    {
        Due = due;
        Members = members;
        Zones = zones;
        Tenants = tenants;
    }

    public Instant Due { get; }
    public IReadOnlyList<FanOutMember> Members { get; }
    public IReadOnlyList<string> Zones { get; }
    public IReadOnlyList<string> Tenants { get; }

    public static FanOutPlan Create(int tenants, int members, Instant due)
    {
        var zones = Candidates.Where(z =>
        {
            var local = due.InZone(DateTimeZoneProviders.Tzdb[z]).TimeOfDay;
            return local >= new LocalTime(1, 0) && local < new LocalTime(22, 0);
        }).ToList();
        var tenantIds = Enumerable.Range(0, tenants).Select(t => string.Create(CultureInfo.InvariantCulture, $"fanout-tenant-{t:D2}-0000-4000-8000-000000000000")).ToList();
        var list = Enumerable.Range(0, members).Select(i =>
        {
            var tenant = i % tenants;
            var index = i / tenants;
            return new FanOutMember(tenant, index, tenantIds[tenant], zones[(index + tenant) % zones.Count],
                string.Create(CultureInfo.InvariantCulture, $"a:fanout-1on1-{tenant}-{index:D5}"));
        }).ToList();
        return new FanOutPlan(due, list, zones, tenantIds);
    }

    /// <summary>The largest tenant's members over Teams' 50 sends a second per tenant: no bot can deliver them all sooner.</summary>
    public double FloorSeconds => Members.GroupBy(m => m.Tenant).Max(g => g.Count()) / 50.0;
}

/// <summary>
/// Writes the plan into a fresh SQLite file through the product's own store writer, before the Host starts:
/// per tenant an organization and its team; per rep the member (default hunter metrics, their zone, their own
/// check-in time) and their 1:1 conversation reference, as a first message through <c>/api/messages</c> would
/// have left them, and much faster.
/// </summary>
internal static class FanOutSeed
{
    private const int Batch = 500;

    public static async Task WriteAsync(string path, FanOutPlan plan, string serviceUrl, string botAppId, CancellationToken cancellationToken)
    {
        await using var database = new SqliteDatabase(path);
        await database.MigrateAsync(cancellationToken);
        var writer = new SqliteStoreWriter(database);
        var now = SystemClock.Instance.GetCurrentInstant();
        var changes = new ChangeSet();
        foreach (var tenant in plan.Tenants)
        {
            var orgId = "org-fanout-" + tenant[..16];
            // Every day a working day, so the bench runs on weekends too; the month's reflection late in the evening, so it never
            // comes due in the run (with every day working, the 1st is the month's first working day, and it may be today).
            var team = new Team(orgId + "-team", orgId, "Sales team", "UTC")
            {
                Schedule = Schedule.Default with { WorkingDays = [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)], ReflectionAt = new LocalTime(23, 30) },
            };
            changes.PutTeam(team, Expect.Absent);
            changes.PutOrganization(new Organization { Id = orgId, Name = "Sales", DefaultTeamId = team.Id, Workspaces = [new Workspace(Channels.Teams, tenant)] }, Expect.Absent);
        }

        await writer.CommitAsync(changes, cancellationToken);
        foreach (var chunk in plan.Members.Chunk(Batch))
        {
            changes = new ChangeSet();
            foreach (var m in chunk)
            {
                var zone = DateTimeZoneProviders.Tzdb[m.ZoneId];
                var local = plan.Due.InZone(zone);
                changes.PutMember(new Member
                {
                    Id = m.MemberId,
                    TeamId = "org-fanout-" + m.TenantId[..16] + "-team",
                    DisplayName = string.Create(CultureInfo.InvariantCulture, $"Rep {m.Tenant}-{m.Index}"),
                    Role = MemberRole.Hunter,
                    StartDate = local.Date.PlusDays(-30),
                    TimeZoneId = m.ZoneId,
                    ChannelAccounts = [new ChannelAccount(Channels.Teams, m.TenantId, m.UserId)],
                    Metrics = MetricCatalog.DefaultsFor(MemberRole.Hunter),
                    // Their own check-in time is the due instant in their zone. Away yesterday, so yesterday's prompt at the
                    // same time is not found "missed" at start-up (it would be recorded as skipped, 10,000 times).
                    TimeAway = [new AwayPeriod(local.Date.PlusDays(-1), local.Date.PlusDays(-1), "bench")],
                    Schedule = new ScheduleOverride
                    {
                        CheckInAt = local.TimeOfDay,
                        RemindersOff = true,
                        WorkdayStart = LocalTime.Midnight,
                        WorkdayEnd = new LocalTime(23, 59),
                    },
                }, Expect.Absent);
                changes.PutConversation(new ConversationReference
                {
                    OwnerKind = RecipientKind.Member,
                    OwnerId = m.MemberId,
                    Channel = Channels.Teams,
                    TenantId = m.TenantId,
                    ConversationId = m.ConversationId,
                    Scope = ConversationScope.Personal,
                    UserId = m.UserId,
                    Properties = new Dictionary<string, string> { ["serviceUrl"] = serviceUrl, ["botId"] = "28:" + botAppId, ["botName"] = "SalesBot" },
                    UpdatedAt = now,
                });
            }

            await writer.CommitAsync(changes, cancellationToken);
        }
    }
}
