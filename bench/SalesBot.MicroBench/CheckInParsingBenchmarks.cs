using BenchmarkDotNet.Attributes;
using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;

namespace SalesBot.MicroBench;

/// <summary>
/// A check-in typed on one line, as the check-in flow reads it: <see cref="CheckInLine.Parse"/> (metric
/// names by key, name, unit or first word, singular or plural; plan and blockers) and
/// <see cref="CheckInRules.Validate"/> (whole numbers in range, known metrics) into a <see cref="CheckIn"/>.
/// The reference splits the same line and parses its numbers with <see cref="int.TryParse(string, out int)"/>.
/// </summary>
[MemoryDiagnoser]
public class CheckInParsingBenchmarks
{
    public const string Tidy = "calls 32, meetings 4, proposals 1";
    public const string Messy = "Calls: 32; 4 meetings and proposals = 1 plan: call Acme; send Globex the proposal blockers: waiting on legal";

    private static readonly Dictionary<string, int> Expected = new() { ["calls"] = 32, ["meetings"] = 4, ["proposals"] = 1 };
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 14, 0);

    private readonly IReadOnlyList<LeadMetric> _metrics = MetricCatalog.DefaultsFor(Core.Organization.MemberRole.Hunter);
    private string _text = Tidy;

    [Params("tidy", "messy")]
    public string Line { get; set; } = "tidy";

    [GlobalSetup]
    public void Setup() => MicroBench.Setup.Checked($"{nameof(CheckInParsingBenchmarks)} {Line}", Prepare);

    private void Prepare()
    {
        _text = Line == "tidy" ? Tidy : Messy;
        var planned = Line == "tidy" ? 0 : 2;

        var checkIn = SalesBot();
        Require(checkIn.Values, "SalesBot");
        MicroBench.Setup.Require(checkIn.Plan.Count == planned, $"{Line}: SalesBot read {checkIn.Plan.Count} plan items, not {planned}");
        MicroBench.Setup.Require((checkIn.Blockers is null) == (Line == "tidy"), $"{Line}: SalesBot's blockers are '{checkIn.Blockers}'");

        var reference = ReferenceCheckInParser.Parse(_text);
        Require(reference.Values, "the reference");
        MicroBench.Setup.Require(reference.Plan.Length == planned, $"{Line}: the reference read {reference.Plan.Length} plan items, not {planned}");
    }

    [Benchmark(Baseline = true, Description = "reference: string.Split + int.TryParse")]
    public Dictionary<string, int> Reference() => ReferenceCheckInParser.Parse(_text).Values;

    [Benchmark(Description = "SalesBot: CheckInLine.Parse + CheckInRules.Validate")]
    public CheckIn SalesBot()
    {
        var draft = CheckInLine.Parse(_text, _metrics);
        return CheckInRules.Validate("m-00", Samples.Day, _metrics, draft, Now).CheckIn
               ?? throw new InvalidOperationException($"'{_text}' did not validate.");
    }

    private void Require(IReadOnlyDictionary<string, int> values, string who) =>
        MicroBench.Setup.Require(values.Count == Expected.Count && Expected.All(e => values.TryGetValue(e.Key, out var v) && v == e.Value),
            $"{Line}: {who} read {Readable(values)}, not {Readable(Expected)}");

    private static string Readable(IReadOnlyDictionary<string, int> values) => string.Join(", ", values.Select(v => $"{v.Key} {v.Value}"));
}
