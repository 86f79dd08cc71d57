using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace SalesBot.Channels.Http;

/// <summary>
/// How much a channel call may retry in-process. Kept short on purpose: the outbox survives restarts
/// and has its own attempt limit, so a failure that outlasts these retries (or a <c>Retry-After</c>
/// longer than <see cref="MaxDelay"/>) goes back to it instead of holding a batch up.
/// </summary>
public sealed record InlineRetryPolicy
{
    /// <summary>Retries after the first attempt; 0 turns inline retrying off.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The longest single inline wait; a <c>Retry-After</c> asking for more is not waited out.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>First backoff (doubled each retry, with jitter) when the answer carries no <c>Retry-After</c>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One attempt is abandoned (and counted as transient) after this long.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Which HTTP answers are worth another try, and the inline retry handler that acts on it.</summary>
public static class TransientHttp
{
    private const string PipelineName = "inline-retries";

    /// <summary>
    /// Set on a request whose 429 must not be retried inline: its caller paces sends with a rate limiter, and a
    /// resend must take a permit like any send (the outbox resends it), or it would push the next second over the limit.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> ThrottlingGoesBack = new("SalesBot.ThrottlingGoesBack");

    /// <summary>
    /// Throttling (429), a request timeout (408), and every server error but "not implemented" (501)
    /// and "HTTP version not supported" (505), which no retry changes.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || ((int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    /// <summary>A failure of the call itself, not an answer: no connection, or an attempt that timed out.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException;

    /// <summary>The answer's <c>Retry-After</c> (seconds or a date), never negative; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        var after = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return after is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : after;
    }

    /// <summary>
    /// Adds a resilience handler that retries transient answers and failures per <paramref name="policy"/>,
    /// honouring <c>Retry-After</c> on the app's <see cref="TimeProvider"/>. The client's own timeout is
    /// turned off: each attempt has its own, and the caller's cancellation token stops everything at once.
    /// <paramref name="alsoTransient"/> can name more answers to retry (Slack's HTTP 200 <c>ratelimited</c>).
    /// </summary>
    public static IHttpClientBuilder AddInlineRetries(this IHttpClientBuilder builder, Func<IServiceProvider, InlineRetryPolicy> policy,
        Func<HttpResponseMessage, ValueTask<bool>>? alsoTransient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        // The factory's own loggers write two Information lines and a scope per call; the channel client
        // logs what matters (a failed call, once), so a busy bot's log is not one line per reply.
        builder.RemoveAllLoggers();
        // Polly would log a timed-out attempt as an error of its own; the channel client already logs the
        // failed call once, with what it means for the message, so Polly's line goes to Information.
        builder.Services.Configure<TelemetryOptions>(options =>
        {
            var severity = options.SeverityProvider;
            options.SeverityProvider = args =>
                args.Event.EventName == "OnTimeout" && args.Source.PipelineName?.EndsWith("-" + PipelineName, StringComparison.Ordinal) == true
                    ? ResilienceEventSeverity.Information
                    : severity?.Invoke(args) ?? args.Event.Severity;
        });
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var p = policy(context.ServiceProvider);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            if (p.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = p.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = p.BaseDelay,
                    MaxDelay = p.MaxDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ShouldRetryAsync(args.Outcome, p, time, alsoTransient),
                });
            }

            pipeline.AddTimeout(p.AttemptTimeout);
        });
        return builder;
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, InlineRetryPolicy policy, TimeProvider time,
        Func<HttpResponseMessage, ValueTask<bool>>? alsoTransient)
    {
        if (outcome.Exception is { } exception)
        {
            return IsTransient(exception);
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests && response.RequestMessage?.Options.TryGetValue(ThrottlingGoesBack, out var goesBack) == true && goesBack)
        {
            return false;
        }

        var transient = IsTransient(response.StatusCode) || (alsoTransient is not null && await alsoTransient(response));
        // A Retry-After longer than an inline wait is the caller's to honour (the outbox reschedules).
        return transient && !(RetryAfter(response, time) > policy.MaxDelay);
    }
}
