using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary><c>GET /admin/runtime</c>: the instance's memory and GC settings, behind <c>Admin:Key</c>.</summary>
public sealed class AdminRuntimeTests : IDisposable
{
    private const string Key = "test-admin-key-0123456789-abcdefghij";
    private readonly SalesBotAppFactory _app = new() { Settings = { ["Admin:Key"] = Key, ["Demo:Enabled"] = "false" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_runtime_view_reports_working_set_managed_heap_and_gc_mode_to_an_operator()
    {
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var body = JsonNode.Parse(await http.GetStringAsync("/admin/runtime"))!;

        Assert.True((long)body["workingSetBytes"]! > 10_000_000, "a running Host holds more than 10 MB");
        Assert.InRange((long)body["managedHeapBytes"]!, 1, (long)body["workingSetBytes"]! * 4);
        Assert.NotNull(body["gc"]!["server"]);
        Assert.True((int)body["threads"]! > 0);
    }

    [Fact]
    public async Task The_runtime_view_needs_the_admin_key()
    {
        using var http = _app.CreateClient();

        var response = await http.GetAsync("/admin/runtime");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
