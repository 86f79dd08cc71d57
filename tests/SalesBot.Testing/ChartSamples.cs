using SalesBot.Conversations.Messages;

namespace SalesBot.Testing;

/// <summary>Charts shaped like the status views' (a team's week as bars, one rep's month as lines), for drawing and link tests.</summary>
public static class ChartSamples
{
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
        "Target (100%)");

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
        "Daily target (100%)");
}
