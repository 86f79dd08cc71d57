using System.Globalization;
using ScottPlot;
using SalesBot.Conversations.Messages;

namespace SalesBot.Charts;

/// <summary>
/// Draws a <see cref="Chart"/> as a PNG, sized for a chat message (800 × 400 by default): title,
/// labelled axes, the target as a dashed line, one Okabe–Ito colour and marker per series, and a
/// legend when there is more than one thing to tell apart.
/// </summary>
public static class ChartPainter
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 400;

    public static byte[] Png(Chart chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ChartFonts.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        plot.Title(chart.Title, 18);
        plot.XLabel(chart.XAxis, 14);
        plot.YLabel(chart.YAxis, 14);

        // The target first, so bars and markers sitting on it stay in front.
        AddTarget(plot, chart);
        if (chart.Kind == ChartKind.Bars)
        {
            AddBars(plot, chart);
        }
        else
        {
            AddLines(plot, chart);
        }

        LabelCategories(plot, chart.Labels);
                if (chart.Series.Count > 1 || chart.Target is not null)
        {
            // Below the chart, never over the data.
            plot.ShowLegend(Edge.Bottom);
        }

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void AddBars(Plot plot, Chart chart)
    {
        const double groupWidth = 0.8;
        var count = Math.Max(1, chart.Series.Count);
        var barWidth = groupWidth / count;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = ChartPalette.Series[s % ChartPalette.Series.Count];
            var bars = new List<Bar>();
            for (var i = 0; i < chart.Labels.Count && i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } value)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = i - (groupWidth / 2) + (barWidth * (s + 0.5)),
                    Value = value,
                    Size = barWidth * 0.9,
                    FillColor = colour,
                    LineWidth = 0,
                    Label = value.ToString("0.#", CultureInfo.InvariantCulture),
                });
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.ValueLabelStyle.FontSize = 12;
            // A value near 100% sits on the target line: a white backing keeps it legible.
            plottable.ValueLabelStyle.BackgroundColor = Colors.White;
        }
    }

    private static void AddLines(Plot plot, Chart chart)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = ChartPalette.Series[s % ChartPalette.Series.Count];
            var marker = ChartPalette.Markers[s % ChartPalette.Markers.Count];
            var first = true;
            // A day without a value breaks the line: each unbroken run is drawn on its own.
            foreach (var run in Runs(series.Values, chart.Labels.Count))
            {
                var line = plot.Add.Scatter(run.Select(p => (double)p.X).ToArray(), run.Select(p => p.Y).ToArray(), colour);
                line.LineWidth = 2.5f;
                line.MarkerSize = 8;
                line.MarkerShape = marker;
                if (first)
                {
                    line.LegendText = series.Name;
                    first = false;
                }
            }
        }
    }

    private static IEnumerable<List<(int X, double Y)>> Runs(IReadOnlyList<double?> values, int length)
    {
        var run = new List<(int X, double Y)>();
        for (var i = 0; i < length && i < values.Count; i++)
        {
            if (values[i] is { } y)
            {
                run.Add((i, y));
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static void AddTarget(Plot plot, Chart chart)
    {
        if (chart.Target is not { } target)
        {
            plot.Axes.SetLimitsY(0, Math.Max(1, MaxValue(chart)) * 1.15);
            return;
        }

        var line = plot.Add.HorizontalLine(target, 2, ChartPalette.Target, LinePattern.Dashed);
        var label = chart.TargetLabel ?? "target";
        line.LegendText = char.ToUpperInvariant(label[0]) + label[1..];
        // Always show the target and zero, whatever the values.
        plot.Axes.SetLimitsY(0, Math.Max(target, MaxValue(chart)) * 1.15);
    }

    private static double MaxValue(Chart chart) =>
        chart.Series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();

    /// <summary>One tick per label; when there are many (a month of days) only every other one is written.</summary>
    private static void LabelCategories(Plot plot, IReadOnlyList<string> labels)
    {
        var step = labels.Count > 16 ? 2 : 1;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Count; i++)
        {
            ticks.AddMajor(i, i % step == 0 ? labels[i] : string.Empty);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.SetLimitsX(-0.6, Math.Max(0, labels.Count - 1) + 0.6);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
    }
}
