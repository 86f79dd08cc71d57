using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Host.Admin;

/// <summary>
/// <c>GET /admin/outbox</c>: counts by status and the latest posts of a status (default: failed and
/// dead-lettered), for everyone or <c>?team=</c>. <c>POST /admin/outbox/{key}/retry</c>: sends a failed
/// or dead-lettered post again. Query values are checked here, so bad input is a 400 with its reason.
/// </summary>
public static partial class OutboxAdminEndpoints
{
    public const string ProblemsStatus = "problems";
    public const int DefaultMax = 20;
    private const int MaxIdLength = 512;

    public static void Map(IEndpointRouteBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/outbox", GetAsync);
        admin.MapPost("/outbox/{key}/retry", RetryAsync);
    }

    private static async Task<IResult> GetAsync(HttpRequest request, IOutboxAdmin outbox, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (Text(query["team"], "team", out var team) is { } badTeam)
        {
            return badTeam;
        }

        if (Statuses(query["status"], out var statuses, out var statusName) is { } badStatus)
        {
            return badStatus;
        }

        if (Max(query["max"], out var max) is { } badMax)
        {
            return badMax;
        }

        var counts = await outbox.CountAsync(team, cancellationToken);
        var posts = await outbox.ListRecentAsync(statuses, team, max, cancellationToken);
        return Results.Ok(new
        {
            team,
            counts = Enum.GetValues<OutboxStatus>().ToDictionary(Name, s => counts[s]),
            status = statusName,
            max,
            messages = posts.Select(Describe),
        });
    }

    private static async Task<IResult> RetryAsync(
        string key, IOutboxAdmin outbox, IOutboxSignal signal, IClock clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Text(key, "key", out var checkedKey) is { } badKey)
        {
            return badKey;
        }

        var result = await outbox.RetryAsync(checkedKey!, clock.GetCurrentInstant(), cancellationToken);
        LogRetry(loggers.CreateLogger(typeof(OutboxAdminEndpoints)), checkedKey!, result.Outcome, result.Reason);
        if (result.Retried)
        {
            signal.Notify();
        }

        var body = new { key = checkedKey, outcome = Name(result.Outcome), retried = result.Retried, reason = result.Reason };
        return result.Outcome switch
        {
            OutboxRetryOutcome.Retried => Results.Ok(body),
            OutboxRetryOutcome.NotFound => Results.NotFound(body),
            _ => Results.Conflict(body),
        };
    }

    private static object Describe(Stored<OutboxMessage> stored)
    {
        var m = stored.Value;
        return new
        {
            key = m.Key,
            status = Name(m.Status),
            recipient = new { kind = Name(m.RecipientKind), id = m.RecipientId },
            team = OutboxTeams.TeamOf(m),
            createdAt = Format(m.CreatedAt),
            attempts = m.Attempts,
            nextAttemptAt = m.Status == OutboxStatus.Pending ? Format(m.NextAttemptAt) : null,
            sentAt = m.SentAt is { } sent ? Format(sent) : null,
            expiresAt = m.ExpiresAt is { } expires ? Format(expires) : null,
            lastError = m.LastError,
            version = stored.Version,
        };
    }

    /// <summary>An optional id: at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    private static IResult? Text(string? value, string name, out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            return name == "key" ? Bad("The key is empty.") : null;
        }

        if (text.Length > MaxIdLength)
        {
            return Bad($"'{name}' is longer than {MaxIdLength} characters.");
        }

        return text.Any(char.IsControl) ? Bad($"'{name}' contains control characters.") : null;
    }

    private static IResult? Statuses(string? value, out IReadOnlyCollection<OutboxStatus> statuses, out string name)
    {
        statuses = OutboxRetries.Problems;
        name = ProblemsStatus;
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals(ProblemsStatus, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "3" or "1,2".
        var match = Enum.GetValues<OutboxStatus>().Where(s => Name(s).Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 0)
        {
            return Bad($"Unknown status; use {ProblemsStatus} (failed and dead-lettered) or one of {string.Join(", ", Enum.GetValues<OutboxStatus>().Select(Name))}.");
        }

        statuses = match;
        name = Name(match[0]);
        return null;
    }

    private static IResult? Max(string? value, out int max)
    {
        max = DefaultMax;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is >= 1 and <= IOutboxAdmin.MaxList
            ? null
            : Bad($"'max' must be a whole number from 1 to {IOutboxAdmin.MaxList}.");
    }

    private static IResult Bad(string reason) => Results.Problem(reason, statusCode: StatusCodes.Status400BadRequest);

    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Admin retry of outbox message {Key}: {Outcome} ({Reason})")]
    private static partial void LogRetry(ILogger logger, string key, OutboxRetryOutcome outcome, string reason);
}
