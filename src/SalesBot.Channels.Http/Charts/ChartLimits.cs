using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Http.Charts;

/// <summary>What a chart may hold before it is drawn: few enough labels and series to read, finite values, short texts.</summary>
public static class ChartLimits
{
    public const int MaxText = 120;

    public static string? Problem(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Labels is null || chart.Series is null || chart.Labels.Count is 0 or > Chart.MaxLabels)
        {
            return $"a chart has 1 to {Chart.MaxLabels} labels";
        }

        if (chart.Series.Count is 0 or > Chart.MaxSeries)
        {
            return $"a chart has 1 to {Chart.MaxSeries} series";
        }

        if (!Enum.IsDefined(chart.Kind))
        {
            return "unknown kind of chart";
        }

        string?[] texts = [chart.Title, chart.XAxis, chart.YAxis, chart.TargetLabel, .. chart.Labels, .. chart.Series.Select(s => s?.Name)];
        if (texts.Any(t => t is { Length: > MaxText }) || chart.Title is null || chart.XAxis is null || chart.YAxis is null)
        {
            return $"chart texts are at most {MaxText} characters";
        }

        if (chart.Series.Any(s => s?.Values is null || s.Name is null || s.Values.Count > chart.Labels.Count))
        {
            return "a series has at most one value per label";
        }

        return chart.Series.SelectMany(s => s.Values).Append(chart.Target).Any(v => v is { } x && (!double.IsFinite(x) || Math.Abs(x) > 1e9))
            ? "chart values are finite numbers"
            : null;
    }
}
