using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Http.Charts;
using SalesBot.Conversations.Messages;

namespace SalesBot.Testing;

/// <summary>Charts shaped like the status views' (a team's week as bars, one rep's month as lines), for drawing and link tests.</summary>
public static class ChartSamples
{
    /// <summary>Chart links as a deployment at https://salesbot.example.com makes them, with a fixed key and clock, for golden files.</summary>
    public static ChartLinks Links() => new(
        Options.Create(new ChartLinkOptions
        {
            PublicBaseUrl = new Uri("https://salesbot.example.com"),
            SigningKey = "c2FsZXNib3QtZ29sZGVuLWZpbGVzLWtleS0zMi1ieXRlcw==",
        }),
        new FakeClock(Instant.FromUtc(2026, 3, 9, 14, 0)));

    public static Chart TeamWeek() => new(
        ChartKind.Bars,
        "West Sales · week of Mon 2 Mar",
        "Rep",
        "% of target",
        ["Ana Rep", "Bo Seller", "Cy Long-Name-Rep…", "Dee", "Eve"],
        [
            new ChartSeries("Lead metrics vs target", [84, 53, 112, null, 97]),
            new ChartSeries("Check-ins vs expected", [80, 67, 100, null, 100]),
        ],
        100,
        "target (100%)");

    public static Chart RepMonth() => new(
        ChartKind.Lines,
        "Ana Rep · March 2026",
        "Day",
        "% of daily target",
        [.. Enumerable.Range(2, 20).Select(d => $"{d} Mar")],
        [
            new ChartSeries("Calls (target 30)", [.. Enumerable.Range(0, 20).Select(i => i is 4 or 5 ? (double?)null : 80 + (i * 3))]),
            new ChartSeries("Meetings booked (target 3)", [.. Enumerable.Range(0, 20).Select(i => i is 4 or 5 ? (double?)null : i % 3 == 0 ? 133 : 67)]),
            new ChartSeries("Proposals sent (target 1)", [.. Enumerable.Range(0, 20).Select(i => i is 4 or 5 ? (double?)null : i % 4 == 0 ? 0 : 100)]),
        ],
        100,
        "daily target (100%)");
}
