using System.Globalization;
using System.Text.Json.Serialization;

namespace SalesBot.Conversations.Messages;

/// <summary>
/// A chart, as data: what to draw, never pixels. Each renderer translates it for its channel (an
/// image the Host draws from this data, served at a signed address); a client that cannot show it
/// still has the view's table and text, which carry the same numbers.
/// </summary>
public sealed record ChartBlock(Chart Chart) : MessageBlock;

public enum ChartKind
{
    /// <summary>One bar per label for each series (grouped when there are several).</summary>
    Bars,

    /// <summary>One line per series across the labels; a missing value is a gap.</summary>
    Lines,
}

/// <summary>
/// The chart's content: <see cref="Labels"/> along the x axis, one value per label in every series,
/// and the <see cref="Target"/> drawn as a horizontal line.
/// </summary>
public sealed record Chart(
    ChartKind Kind,
    string Title,
    string XAxis,
    string YAxis,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series,
    double? Target = null,
    string? TargetLabel = null)
{
    /// <summary>Most labels a chart carries: more would not be readable at chat size, and keeps its address short.</summary>
    public const int MaxLabels = 31;

    /// <summary>Most series a chart carries (lines or grouped bars), one colour each.</summary>
    public const int MaxSeries = 6;

    /// <summary>A one-sentence description for screen readers and clients that show no images.</summary>
    [JsonIgnore]
    public string AltText => $"{Title}: {string.Join("; ", Series.Select(s => s.Name))}" +
                             (Target is { } t ? $", against the {TargetLabel ?? string.Create(CultureInfo.InvariantCulture, $"target of {t:0.##}")}." : ".");
}

/// <summary>One series: a value per label of the chart, or null where there is none (a day with no check-in, a rep away).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>Where a renderer can point a client for the chart's picture, or null when there is no such address (then the chart is left out).</summary>
public delegate string? ChartUrl(Chart chart);
