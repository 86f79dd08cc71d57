using System.Globalization;
using System.Text;

namespace SalesBot.Bench;

/// <summary>The memory run as a report section.</summary>
internal static class MemorySection
{
    public static ReportSection Of(MemoryResult memory)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"SalesBot on SQLite with the scheduler on (GC: {memory.GcMode}). Working set is the resident set; managed heap is `GC.GetGCMemoryInfo().HeapSizeBytes`, both read from `GET /admin/runtime`. " +
            $"The last row is a fresh process on the same database, after start-up planned every member's schedule. Run time {memory.Seconds:0} s, errors {memory.Errors}.");
        s.AppendLine();
        s.AppendLine("| moment | turns | members | working set MB | managed heap MB | gen2 GCs |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in memory.Points)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {p.Moment} | {p.Turns:N0} | {p.Members:N0} | {p.WorkingSetMb:0.0} | {p.ManagedHeapMb:0.0} | {p.Gen2Collections} |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Growth of the working set over the second batch: **{memory.SecondBatchGrowth:+0.0%;-0.0%}**.");
        return new ReportSection("Memory", s.ToString(), memory);
    }
}
