using NodaTime;
using SalesBot.Core.CheckIns;

namespace SalesBot.Testing;

public sealed class CheckInBuilder
{
    private string _memberId = "rep-1";
    private LocalDate _day = new(2026, 11, 20);
    private readonly Dictionary<string, int> _values = new() { ["calls"] = 30, ["meetings"] = 3, ["proposals"] = 1 };
    private IReadOnlyList<string> _plan = [];
    private string? _blockers;
    private Instant _at = Instant.FromUtc(2026, 11, 23, 14, 0);

    public static CheckInBuilder ACheckIn() => new();

    public CheckInBuilder For(string memberId) { _memberId = memberId; return this; }

    public CheckInBuilder On(LocalDate day) { _day = day; return this; }

    public CheckInBuilder With(string metric, int value) { _values[metric] = value; return this; }

    public CheckInBuilder WithPlan(params string[] plan) { _plan = plan; return this; }

    public CheckInBuilder WithBlockers(string blockers) { _blockers = blockers; return this; }

    public CheckInBuilder SubmittedAt(Instant at) { _at = at; return this; }

    public CheckIn Build() => new()
    {
        MemberId = _memberId,
        ReportDate = _day,
        Values = new Dictionary<string, int>(_values),
        Plan = _plan,
        Blockers = _blockers,
        SubmittedAt = _at,
    };

    public static implicit operator CheckIn(CheckInBuilder builder) => builder.Build();
}
