using System.Diagnostics;
using System.Runtime;

namespace SalesBot.Host.Admin;

/// <summary>
/// <c>GET /admin/runtime</c>: what this instance holds in memory and how the GC is set, so an operator
/// (and the benchmark) can watch memory stay flat without attaching a debugger. No content, no people.
/// </summary>
public static class RuntimeAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/runtime", Get);
    }

    private static IResult Get()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return Results.Json(new
        {
            workingSetBytes = process.WorkingSet64,
            peakWorkingSetBytes = process.PeakWorkingSet64,
            managedHeapBytes = gc.HeapSizeBytes,
            managedHeapLiveBytes = GC.GetTotalMemory(forceFullCollection: false),
            committedBytes = gc.TotalCommittedBytes,
            totalAllocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            collections = new { gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2) },
            gc = new { server = GCSettings.IsServerGC, latencyMode = GCSettings.LatencyMode.ToString(), conserveMemory = AppContext.GetData("GCConserveMemory"), heapHardLimitBytes = gc.TotalAvailableMemoryBytes },
            threads = process.Threads.Count,
            uptimeSeconds = Math.Round((DateTime.Now - process.StartTime).TotalSeconds, 1),
        });
    }
}
