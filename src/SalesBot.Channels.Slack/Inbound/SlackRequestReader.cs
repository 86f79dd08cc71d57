using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Http.Inbound;
using SalesBot.Channels.Slack.Security;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// The gate every Slack endpoint passes first: reads the raw body (refusing oversized ones with 413)
/// and verifies its signature, timestamp and freshness, then runs <see cref="SlackPayloadGuard"/> on it.
/// Nothing parses the body before this says yes.
/// </summary>
internal sealed partial class SlackRequestReader(SlackRequestVerifier verifier, IOptions<SlackOptions> options, ILogger<SlackRequestReader> logger)
{
    public async Task<(SlackRequest? Request, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        var max = options.Value.MaxBodyBytes;
        var http = context.Request;
        // A declared length past the cap is refused before anything is read.
        var body = await CappedBody.ReadAsync(http, max, context.RequestAborted);
        if (body is null)
        {
            LogRefused(logger, http.Path, "body too large");
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var verdict = verifier.Verify(
            http.Headers[SlackRequestVerifier.TimestampHeader].FirstOrDefault(),
            http.Headers[SlackRequestVerifier.SignatureHeader].FirstOrDefault(),
            body);
        if (verdict == SlackVerification.Verified)
        {
            if (SlackPayloadGuard.Problem(http, body) is { } problem)
            {
                LogRefused(logger, http.Path, problem);
                return (null, Results.Text(problem, "text/plain", statusCode: StatusCodes.Status400BadRequest));
            }

            return (new SlackRequest(body, http.Headers[SlackRequest.RetryNumHeader].FirstOrDefault(), http.Headers[SlackRequest.RetryReasonHeader].FirstOrDefault()), null);
        }

        // Slack's certificate check is unsigned and asks only for a 200; nothing else is done with it.
        if (verdict == SlackVerification.MissingHeaders && IsSslCheck(http, body))
        {
            return (null, Results.Ok());
        }

        LogRefused(logger, http.Path, verdict.ToString());
        return (null, Results.Unauthorized());
    }

    private static bool IsSslCheck(HttpRequest http, byte[] body) =>
        http.HasFormContentType && body.Length < 1024 && SlackRequest.ParseForm(body).TryGetValue("ssl_check", out var check) && check == "1";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Refused Slack request to {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, PathString path, string reason);
}
