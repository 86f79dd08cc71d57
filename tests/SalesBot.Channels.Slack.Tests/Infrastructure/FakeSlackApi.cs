using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>
/// A local Slack Web API (Kestrel on 127.0.0.1, a free port) that records every call and answers
/// like Slack, or as scripted: a 429 with Retry-After, or <c>ok:false</c> with an error code.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string DirectChannel = "D0DIRECT1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(string Method, int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly ConcurrentDictionary<string, ConcurrentStack<JsonObject>> _history = new(StringComparer.Ordinal);
    private int _ts;

    private FakeSlackApi(WebApplication app)
    {
        _app = app;
        _app.MapPost("/api/{method}", HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string UserTimeZone { get; set; } = "America/New_York";

    public IReadOnlyList<RecordedCall> Calls => _calls.ToList();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var api = new FakeSlackApi(builder.Build());
        await api._app.StartAsync();
        var address = api._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return api;
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>The next call to <paramref name="method"/> gets 429 with <c>Retry-After</c>.</summary>
    public void RateLimitNext(string method, int retryAfterSeconds) => Script(method, context =>
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    });

    /// <summary>The next call to <paramref name="method"/> gets <c>ok:false</c> with <paramref name="error"/>.</summary>
    public void FailNext(string method, string error) => Script(method, context =>
        context.Response.WriteAsync(new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString()));

    /// <summary>The next call to <paramref name="method"/> gets HTTP <paramref name="status"/> (with <c>Retry-After</c> when given).</summary>
    public void AnswerNext(string method, int status, int? retryAfterSeconds = null) => Script(method, context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsync("{}");
    });

    /// <summary>The next call to <paramref name="method"/> gets no answer until the caller gives up.</summary>
    public void HangNext(string method) => Script(method, context =>
        Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));

    /// <summary>Completes when <paramref name="method"/> has been called <paramref name="count"/> times.</summary>
    public Task WhenCalledAsync(string method, int count = 1)
    {
        lock (_gate)
        {
            if (CallsTo(method).Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((method, count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded: a request left hanging by a failed test must not hold the test run.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private void Script(string method, Func<HttpContext, Task> answer) =>
        _scripts.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var args = context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            ? JsonNode.Parse(body) as JsonObject ?? []
            : FormAsJson(body);
        Record(new RecordedCall(method, context.Request.Headers.Authorization.ToString(), args));
        context.Response.ContentType = "application/json";
        if (_scripts.TryGetValue(method, out var script) && script.TryDequeue(out var answer))
        {
            await answer(context);
        }
        else
        {
            await context.Response.WriteAsync(Answer(method, args).ToJsonString());
        }
    }

    private void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Enqueue(call);
            var count = CallsTo(call.Method).Count;
            foreach (var waiter in _waiters.Where(w => w.Method == call.Method && count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private JsonObject Answer(string method, JsonObject args)
    {
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        return method switch
        {
            "chat.postMessage" => Posted(args, ts),
            "conversations.history" => new JsonObject
            {
                ["ok"] = true,
                // Newest first, as Slack lists them; metadata only when asked for.
                ["messages"] = new JsonArray([.. History(args["channel"]?.ToString())
                    .Select(m => args["include_all_metadata"]?.ToString() == "true" ? m.DeepClone() : WithoutMetadata(m))]),
                ["has_more"] = false,
            },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = args["channel"]?.ToString(), ["ts"] = args["ts"]?.ToString() },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = DirectChannel } },
            "views.open" or "views.publish" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V0VIEW" + ts[^3..] } },
            "users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = args["user"]?.ToString(),
                    ["name"] = "ana",
                    ["real_name"] = "Ana Rep",
                    ["tz"] = UserTimeZone,
                    ["profile"] = new JsonObject { ["display_name"] = "Ana" },
                },
            },
            "auth.test" => new JsonObject { ["ok"] = true, ["team_id"] = "T0TEAM", ["user_id"] = "U0BOT", ["bot_id"] = "B0BOT" },
            "oauth.v2.access" => new JsonObject
            {
                ["ok"] = true,
                ["access_token"] = "xoxb-installed-token",
                ["bot_user_id"] = "U0BOT2",
                ["app_id"] = "A0APP",
                ["team"] = new JsonObject { ["id"] = "T0OTHER", ["name"] = "Other Co" },
            },
            _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
        };
    }

    private JsonObject Posted(JsonObject args, string ts)
    {
        var channel = args["channel"]?.ToString() ?? string.Empty;
        var message = new JsonObject { ["type"] = "message", ["ts"] = ts, ["text"] = args["text"]?.DeepClone(), ["bot_id"] = "B0BOT" };
        if (args["metadata"] is JsonObject metadata)
        {
            message["metadata"] = metadata.DeepClone();
        }

        _history.GetOrAdd(channel, _ => new ConcurrentStack<JsonObject>()).Push(message);
        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
    }

    private JsonObject[] History(string? channel) =>
        channel is not null && _history.TryGetValue(channel, out var messages) ? messages.ToArray() : [];

    private static JsonObject WithoutMetadata(JsonObject message)
    {
        var copy = (JsonObject)message.DeepClone();
        copy.Remove("metadata");
        return copy;
    }

    private static JsonObject FormAsJson(string body)
    {
        var json = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            json[key] = value.ToString();
        }

        return json;
    }
}

/// <summary>One call the bot made: the method, its Authorization header, and its arguments.</summary>
public sealed record RecordedCall(string Method, string Authorization, JsonObject Args)
{
    public string? Arg(string name) => Args[name] is JsonValue v ? v.ToString() : Args[name]?.ToJsonString();
}
