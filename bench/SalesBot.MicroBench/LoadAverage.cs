namespace SalesBot.MicroBench;

/// <summary>The machine's 1-minute load average (Linux), so a reader can tell a quiet run from a busy one.</summary>
internal static class LoadAverage
{
    public static string Now()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
