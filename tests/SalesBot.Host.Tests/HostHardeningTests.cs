using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>What every response carries, and what a failure never shows.</summary>
public sealed class HostHardeningTests : IDisposable
{
    private const string AdminKey = "an-admin-key-that-is-long-enough-0123456789";
    private readonly SalesBotAppFactory _app = new() { Environment = "Production" };

    public HostHardeningTests() => _app.Settings["Admin:Key"] = AdminKey;

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task Every_response_says_nosniff_no_framing_no_referrer_and_no_active_content(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_a_failure_answers_without_a_stack_trace_or_the_exception_message()
    {
        using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IOutboxAdmin, BrokenOutboxAdmin>())));
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);

        var response = await http.GetAsync("/admin/outbox");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("BrokenOutboxAdmin", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-connection-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private sealed class BrokenOutboxAdmin : IOutboxAdmin
    {
        public Task<OutboxCounts> CountAsync(string? teamId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("secret-connection-detail");

        public Task<IReadOnlyList<Stored<OutboxMessage>>> ListRecentAsync(IReadOnlyCollection<OutboxStatus>? statuses, string? teamId, int max, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("secret-connection-detail");

        public Task<OutboxRetryResult> RetryAsync(string key, Instant now, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("secret-connection-detail");
    }
}
