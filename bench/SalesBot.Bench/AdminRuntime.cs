using System.Net.Http.Headers;
using System.Text.Json;

namespace SalesBot.Bench;

/// <summary>What the Host's <c>GET /admin/runtime</c> says about its memory and GC at one moment.</summary>
internal sealed record AdminRuntime(long WorkingSetBytes, long ManagedHeapBytes, long TotalAllocatedBytes, int Gen2Collections, string GcMode)
{
    public static async Task<AdminRuntime> ReadAsync(HostProcess host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, "admin/runtime"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostEnvironment.AdminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var gc = root.GetProperty("gc");
        return new AdminRuntime(
            root.GetProperty("workingSetBytes").GetInt64(),
            root.GetProperty("managedHeapBytes").GetInt64(),
            root.GetProperty("totalAllocatedBytes").GetInt64(),
            root.GetProperty("collections").GetProperty("gen2").GetInt32(),
            (gc.GetProperty("server").GetBoolean() ? "server" : "workstation") + ", " + gc.GetProperty("latencyMode").GetString());
    }
}
