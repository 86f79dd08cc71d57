using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace SalesBot.Charts;

/// <summary>
/// The typeface every chart is drawn with: DejaVu Sans, shipped inside this assembly (licence in
/// <c>Fonts/DejaVu-LICENSE.txt</c>). It is registered with ScottPlot under its own family name, so a chart looks the
/// same on a fresh machine with no fonts installed as on a developer's desktop.
/// </summary>
public static class ChartFonts
{
    public const string Family = "SalesBot DejaVu Sans";

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the shipped typeface with ScottPlot once per process, ahead of any font the machine has.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new ShippedFontResolver());
            Fonts.Default = Family;
            _registered = true;
        }
    }

    /// <summary>The shipped typeface for a weight (true = bold).</summary>
    public static SKTypeface Typeface(bool bold) => bold ? Bold.Value : Regular.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"SalesBot.Charts.Fonts.{file}";
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The chart font {name} is missing from {typeof(ChartFonts).Assembly.GetName().Name}.");
        // SKTypeface keeps reading the data it was made from, so it gets its own copy.
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The chart font {name} could not be read.");
    }

    /// <summary>Answers for the shipped family only; any other name falls through to ScottPlot's own resolvers.</summary>
    private sealed class ShippedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Family ? Typeface((int)weight >= (int)FontWeight.SemiBold) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? Typeface(bold) : null;
    }
}
