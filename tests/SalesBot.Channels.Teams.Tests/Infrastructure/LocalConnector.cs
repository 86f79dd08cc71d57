using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, JsonNode? Body)
{
    public JsonNode? Card => Body?["attachments"]?[0]?["content"];
}

/// <summary>
/// A local Bot Framework connector (the activity's <c>serviceUrl</c>): records every call and answers
/// like the real one; can be told to throttle (429 with Retry-After) or refuse the next calls.
/// </summary>
public sealed class LocalConnector : LoopbackServer
{
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string Body)> _scripted = new();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _ids;

    /// <summary>The service URL as Teams sends it (with a path, like <c>…/amer/</c>).</summary>
    public string ServiceUrl => new Uri(BaseUrl, "amer/").ToString();

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    public static async Task<LocalConnector> StartNewAsync()
    {
        var connector = new LocalConnector();
        await connector.StartAsync(connector.Map);
        return connector;
    }

    public void Throttle(int retryAfterSeconds) => _scripted.Enqueue((429, retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"error\":{\"code\":\"TooManyRequests\"}}"));

    public void Answer(int status, string body) => _scripted.Enqueue((status, null, body));

    /// <summary>The next call gets no answer until the caller gives up on it.</summary>
    public void Hang() => _scripted.Enqueue((HangStatus, null, string.Empty));

    /// <summary>Completes (bounded) once <paramref name="count"/> calls have come in.</summary>
    public Task WhenCalledAsync(int count)
    {
        lock (_gate)
        {
            if (_calls.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Clear() => _calls.Clear();

    private const int HangStatus = -1;

    private void Record(ConnectorCall call)
    {
        lock (_gate)
        {
            _calls.Enqueue(call);
            foreach (var waiter in _waiters.Where(w => _calls.Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private void Map(WebApplication app)
    {
        app.Map("/amer/{**rest}", async (HttpContext context) =>
        {
            JsonNode? body = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                body = await JsonNode.ParseAsync(context.Request.Body);
            }

            // Record the path as sent (escaped), without the service URL's own prefix.
            var path = context.Request.Path.Value!["/amer/".Length..];
            Record(new ConnectorCall(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body));
            if (_scripted.TryDequeue(out var scripted))
            {
                if (scripted.Status == HangStatus)
                {
                    // Until the client gives up: the request is aborted when it does.
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.Empty;
                }

                if (scripted.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = scripted.RetryAfter;
                }

                return Results.Text(scripted.Body, "application/json", statusCode: scripted.Status);
            }

            var id = Interlocked.Increment(ref _ids);
            return path == "v3/conversations"
                ? Results.Json(new { id = $"a:created-{id}", activityId = $"act-{id}", serviceUrl = ServiceUrl })
                : Results.Json(new { id = $"act-{id}" });
        });
    }
}
