using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Bench;

/// <summary>
/// A Bot Framework connector that holds the bot to Teams' limits, as Teams does: per conversation 7 sends
/// a second, 8 per 2 s, 60 per 30 s and 1,800 an hour, and 50 a second per tenant (sliding windows over
/// the sends it accepted). A send over a limit gets 429 with <c>Retry-After</c> (whole seconds, as Teams
/// sends it); so does a share of the sends within the limits (<see cref="InjectedShare"/>), picked by a
/// seeded hash of the conversation and how many times it was sent to, so a run is repeatable. Each
/// accepted check-in prompt is recorded per conversation, to count duplicates and losses.
/// </summary>
internal sealed class FanOutConnector : IAsyncDisposable
{
    /// <summary>What the check-in prompt says first (ScheduledMessages.CheckInPrompt); other sends are counted apart.</summary>
    public const string PromptMarker = "Time for your check-in";

    private static readonly (TimeSpan Window, int Limit)[] ConversationLimits =
    [
        (TimeSpan.FromSeconds(1), 7), (TimeSpan.FromSeconds(2), 8), (TimeSpan.FromSeconds(30), 60), (TimeSpan.FromHours(1), 1800),
    ];

    private static readonly (TimeSpan Window, int Limit) TenantLimit = (TimeSpan.FromSeconds(1), 50);

    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, string> _tenantOf;
    private readonly int _seed;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _tenantSends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _conversationSends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _requestsTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, int Status)>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _prompts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastPromptByTenant = new(StringComparer.Ordinal);
    private long _overLimit;
    private long _injected;
    private long _otherSends;
    private long _unknown;

    private FanOutConnector(WebApplication app, IReadOnlyDictionary<string, string> tenantOf, int seed, double injectedShare)
    {
        _app = app;
        _tenantOf = tenantOf;
        _seed = seed;
        InjectedShare = injectedShare;
    }

    public double InjectedShare { get; }

    /// <summary>The serviceUrl of the members' conversations: <c>http://127.0.0.1:port/</c>.</summary>
    public string ServiceUrl { get; private set; } = null!;

    /// <param name="tenantOf">Each 1:1 conversation id and its tenant: the connector, not the bot, knows where a conversation lives.</param>
    public static async Task<FanOutConnector> StartAsync(IReadOnlyDictionary<string, string> tenantOf, int seed, double injectedShare)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FanOutConnector(app, tenantOf, seed, injectedShare);
        app.MapPost("/v3/conversations/{conversation}/activities", connector.SendAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    private async Task<IResult> SendAsync(HttpContext context, string conversation)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_tenantOf.TryGetValue(conversation, out var tenant))
        {
            Interlocked.Increment(ref _unknown);
            return Results.NotFound();
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        // A card carries its words in the summary (the notification preview); plain messages in the text.
        var isPrompt = IsPrompt(body.RootElement, "text") || IsPrompt(body.RootElement, "summary");
        long id;
        lock (_lock)
        {
            var tenantSends = Window(_tenantSends, tenant, TenantLimit.Window, now);
            var conversationSends = Window(_conversationSends, conversation, ConversationLimits[^1].Window, now);
            var wait = Wait(tenantSends, TenantLimit, now);
            foreach (var limit in ConversationLimits)
            {
                wait = Max(wait, Wait(conversationSends, limit, now));
            }

            var nth = _requestsTo[conversation] = _requestsTo.GetValueOrDefault(conversation) + 1;
            if (!_history.TryGetValue(conversation, out var history))
            {
                _history[conversation] = history = [];
            }

            history.Add((now, 0));
            if (wait > TimeSpan.Zero)
            {
                _overLimit++;
                history[^1] = (now, 4291);
                return TooMany(context, wait);
            }

            if (Injected(conversation, nth))
            {
                _injected++;
                history[^1] = (now, 4292);
                return TooMany(context, TimeSpan.FromSeconds(1));
            }

            tenantSends.Enqueue(now);
            conversationSends.Enqueue(now);
            if (isPrompt)
            {
                if (!_prompts.TryGetValue(conversation, out var times))
                {
                    _prompts[conversation] = times = [];
                }

                times.Add(now);
                _lastPromptByTenant[tenant] = now;
            }
            else
            {
                _otherSends++;
            }

            id = _requestsTo.Count;
        }

        return Results.Json(new { id = "fanout-" + conversation + "-" + id.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>The request history of the conversations prompted last (429 over a limit = 4291, unprovoked = 4292), for a look at the tail.</summary>
    public IEnumerable<string> Tail(int count)
    {
        lock (_lock)
        {
            return _prompts.OrderByDescending(p => p.Value.Max()).Take(count)
                .Select(p => p.Key + ": " + string.Join(", ", _history[p.Key].Select(h => $"{h.At:HH:mm:ss.fff} {(h.Status == 0 ? 200 : h.Status)}")))
                .ToList();
        }
    }

    /// <summary>What the connector saw, against the conversations it was told about.</summary>
    public FanOutCounts Counts()
    {
        lock (_lock)
        {
            var prompted = _prompts.Count;
            var delivered = _prompts.Values.Sum(t => t.Count);
            var last = _prompts.Values.SelectMany(t => t).DefaultIfEmpty().Max();
            var first = _prompts.Values.Count == 0 ? default : _prompts.Values.Min(t => t.Min());
            // The pace in the middle of the run (10th to 90th percentile of deliveries): at the limits, 50 a second per tenant.
            var ordered = _prompts.Values.SelectMany(t => t).Order().ToList();
            var steady = ordered.Count < 10 ? 0 : (0.8 * ordered.Count) / Math.Max(0.001, (ordered[(int)(ordered.Count * 0.9)] - ordered[(int)(ordered.Count * 0.1)]).TotalSeconds);
            return new FanOutCounts(
                Delivered: delivered,
                Duplicates: delivered - prompted,
                Losses: _tenantOf.Count - prompted,
                OverLimit: _overLimit,
                Injected: _injected,
                OtherSends: _otherSends,
                Unknown: _unknown,
                FirstPrompt: first,
                LastPrompt: last,
                LastPromptByTenant: new Dictionary<string, DateTimeOffset>(_lastPromptByTenant),
                SteadyPerSecond: Math.Round(steady, 1));
        }
    }

    /// <summary>The sends of one partition still inside the longest window that applies to it.</summary>
    private static Queue<DateTimeOffset> Window(Dictionary<string, Queue<DateTimeOffset>> all, string key, TimeSpan longest, DateTimeOffset now)
    {
        if (!all.TryGetValue(key, out var sends))
        {
            all[key] = sends = new Queue<DateTimeOffset>();
        }

        while (sends.TryPeek(out var oldest) && now - oldest >= longest)
        {
            sends.Dequeue();
        }

        return sends;
    }

    /// <summary>Zero when one more send fits the window; else how long until the send that frees room leaves it.</summary>
    private static TimeSpan Wait(Queue<DateTimeOffset> sends, (TimeSpan Window, int Limit) limit, DateTimeOffset now)
    {
        var inWindow = sends.Where(t => now - t < limit.Window).ToList();
        return inWindow.Count < limit.Limit ? TimeSpan.Zero : limit.Window - (now - inWindow[inWindow.Count - limit.Limit]);
    }

    private static bool IsPrompt(JsonElement activity, string property) =>
        activity.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Contains(PromptMarker, StringComparison.Ordinal);

    private bool Injected(string conversation, int nth)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_seed}|{conversation}|{nth}")));
        return BitConverter.ToUInt32(hash, 0) < InjectedShare * uint.MaxValue;
    }

    private static IResult TooMany(HttpContext context, TimeSpan wait)
    {
        // Teams says whole seconds; never 0, which would invite an immediate resend.
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { error = new { code = "TooManyRequests", message = "Too many requests." } }, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Delivered prompts, duplicates (a member prompted more than once), losses (never prompted), and the 429s answered.</summary>
internal sealed record FanOutCounts(
    long Delivered,
    long Duplicates,
    long Losses,
    long OverLimit,
    long Injected,
    long OtherSends,
    long Unknown,
    DateTimeOffset FirstPrompt,
    DateTimeOffset LastPrompt,
    IReadOnlyDictionary<string, DateTimeOffset> LastPromptByTenant,
    double SteadyPerSecond);
