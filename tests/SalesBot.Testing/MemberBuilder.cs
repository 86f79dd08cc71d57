using NodaTime;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Testing;

/// <summary>Test members: a hunter in New York on the default metrics unless told otherwise.</summary>
public sealed class MemberBuilder
{
    private string _id = "rep-1";
    private string _teamId = TestData.TeamId;
    private string _name = "Riley Rep";
    private MemberRole _role = MemberRole.Hunter;
    private string _zone = "America/New_York";
    private IReadOnlyList<LeadMetric>? _metrics;
    private LocalDate _start = new(2024, 1, 8);
    private ScheduleOverride? _schedule;
    private string? _managerId;
    private readonly List<AwayPeriod> _away = [];
    private MonthlyQuota? _quota;

    public static MemberBuilder ARep(string id = "rep-1") => new MemberBuilder().WithId(id);

    public static MemberBuilder AManager(string id = "manager-1") =>
        new MemberBuilder().WithId(id).WithName("Mia Manager").WithRole(MemberRole.Manager);

    public MemberBuilder WithId(string id) { _id = id; return this; }

    public MemberBuilder WithName(string name) { _name = name; return this; }

    public MemberBuilder WithRole(MemberRole role) { _role = role; return this; }

    public MemberBuilder InZone(string zone) { _zone = zone; return this; }

    public MemberBuilder InTeam(string teamId) { _teamId = teamId; return this; }

    public MemberBuilder StartedOn(LocalDate start) { _start = start; return this; }

    public MemberBuilder WithMetrics(params LeadMetric[] metrics) { _metrics = metrics; return this; }

    public MemberBuilder WithSchedule(ScheduleOverride schedule) { _schedule = schedule; return this; }

    public MemberBuilder ReportingTo(string managerId) { _managerId = managerId; return this; }

    public MemberBuilder AwayFrom(LocalDate from, LocalDate to) { _away.Add(new AwayPeriod(from, to, "vacation")); return this; }

    public MemberBuilder WithQuota(int? deals, decimal? revenue = null, string? currency = null) { _quota = new MonthlyQuota(deals, revenue, currency); return this; }

    public static MemberBuilder ALeader(string id = "leader-1") =>
        new MemberBuilder().WithId(id).WithName("Lee Leader").WithRole(MemberRole.Leader);

    public Member Build() => new()
    {
        Id = _id,
        TeamId = _teamId,
        DisplayName = _name,
        Role = _role,
        StartDate = _start,
        TimeZoneId = _zone,
        Metrics = _metrics ?? MetricCatalog.DefaultsFor(_role),
        ChannelAccounts = [new ChannelAccount(TestData.Channel, TestData.Tenant, _id)],
        Schedule = _schedule,
        ManagerId = _managerId,
        TimeAway = [.. _away],
        Quota = _quota,
    };

    public static implicit operator Member(MemberBuilder builder) => builder.Build();
}
