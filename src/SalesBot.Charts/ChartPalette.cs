using ScottPlot;

namespace SalesBot.Charts;

/// <summary>
/// Okabe–Ito colours, told apart with the common kinds of colour blindness (yellow left out: too
/// pale on white). Series also differ by marker shape, so a chart still reads in grey.
/// </summary>
public static class ChartPalette
{
    public static IReadOnlyList<Color> Series { get; } =
    [
        Color.FromHex("#0072B2"), // blue
        Color.FromHex("#E69F00"), // orange
        Color.FromHex("#009E73"), // bluish green
        Color.FromHex("#D55E00"), // vermillion
        Color.FromHex("#CC79A7"), // reddish purple
        Color.FromHex("#56B4E9"), // sky blue
    ];

    public static IReadOnlyList<MarkerShape> Markers { get; } =
    [
        MarkerShape.FilledCircle,
        MarkerShape.FilledSquare,
        MarkerShape.FilledTriangleUp,
        MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle,
        MarkerShape.OpenSquare,
    ];

    /// <summary>The target line: black and dashed, unlike any series.</summary>
    public static Color Target { get; } = Color.FromHex("#000000");
}
