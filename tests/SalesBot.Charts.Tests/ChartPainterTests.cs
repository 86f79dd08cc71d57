using System.Buffers.Binary;
using SalesBot.Charts;
using SalesBot.Conversations.Messages;
using SalesBot.Testing;
using SkiaSharp;

namespace SalesBot.Charts.Tests;

public sealed class ChartPainterTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static TheoryData<string> Samples => new() { "team-week", "rep-month" };

    private static Chart Sample(string name) => name == "team-week" ? ChartSamples.TeamWeek() : ChartSamples.RepMonth();

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_chart_is_a_png_of_800_by_400_with_its_IHDR_header_first(string name)
    {
        var png = ChartPainter.Png(Sample(name));
        Save(name, png);

        Assert.Equal(PngSignature, png[..8]);
        // The first chunk is IHDR: length 13, then width and height, big-endian.
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_chart_draws_its_series_in_the_first_palette_colours_and_the_black_target_line(string name)
    {
        using var bitmap = SKBitmap.Decode(ChartPainter.Png(Sample(name)));

        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
        Assert.True(Count(bitmap, new SKColor(0x00, 0x72, 0xB2)) > 200, "the first series (Okabe–Ito blue) is drawn");
        Assert.True(Count(bitmap, new SKColor(0xE6, 0x9F, 0x00)) > 200, "the second series (Okabe–Ito orange) is drawn");
        // The dashed target runs across the data area: one row holds a long stretch of black pixels.
        Assert.True(Enumerable.Range(0, bitmap.Height).Max(y => Enumerable.Range(0, bitmap.Width).Count(x => bitmap.GetPixel(x, y) == SKColors.Black)) > 300,
            "a horizontal black target line crosses the chart");
    }

    [Fact]
    public void The_title_is_written_with_the_shipped_font_whatever_the_machine_has_installed()
    {
        var chart = ChartSamples.TeamWeek();
        using var withTitle = SKBitmap.Decode(ChartPainter.Png(chart));
        using var withoutTitle = SKBitmap.Decode(ChartPainter.Png(chart with { Title = string.Empty }));

        // The title band differs only by the title's glyphs: text was drawn, not empty boxes or nothing.
        var inked = Enumerable.Range(0, 30).Sum(y => Enumerable.Range(0, 800).Count(x => withTitle.GetPixel(x, y) != withoutTitle.GetPixel(x, y)));
        Assert.True(inked > 500, $"only {inked} pixels of title");
        Assert.Equal("DejaVu Sans", ChartFonts.Typeface(bold: false).FamilyName);
        Assert.Equal("DejaVu Sans", ChartFonts.Typeface(bold: true).FamilyName);
        Assert.True(ChartFonts.Typeface(bold: true).FontStyle.Weight >= (int)SKFontStyleWeight.Bold);
    }

    [Fact]
    public void The_same_chart_is_drawn_to_the_same_bytes() =>
        Assert.Equal(ChartPainter.Png(ChartSamples.RepMonth()), ChartPainter.Png(ChartSamples.RepMonth()));

    [Fact]
    public void A_chart_with_no_values_at_all_still_draws_its_axes_and_target()
    {
        var chart = ChartSamples.TeamWeek() with { Series = [new ChartSeries("Lead metrics vs target", [null, null, null, null, null])] };

        using var bitmap = SKBitmap.Decode(ChartPainter.Png(chart));

        Assert.Equal(800, bitmap.Width);
    }

    private static int Count(SKBitmap bitmap, SKColor colour)
    {
        var n = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                n += bitmap.GetPixel(x, y) == colour ? 1 : 0;
            }
        }

        return n;
    }

    /// <summary>With SALESBOT_CHART_OUT set, the drawn charts are written there to be looked at.</summary>
    private static void Save(string name, byte[] png)
    {
        if (Environment.GetEnvironmentVariable("SALESBOT_CHART_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
        }
    }
}
