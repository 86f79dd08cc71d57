using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// Outbox keys of scheduled messages: one per member per kind per day (or month, or week), whoever
/// queues it and however often the schedule runs, so a prompt is never sent twice.
/// </summary>
public static class PromptKeys
{
    public const int MaxSnoozesPerDay = 3;

    private static readonly (PromptKind Kind, string Prefix)[] Prefixes =
    [
        (PromptKind.CheckIn, "checkin-prompt:"),
        (PromptKind.Reminder, "checkin-reminder:"),
        (PromptKind.Reflection, "reflection-prompt:"),
        (PromptKind.Digest, "digest:"),
        (PromptKind.Rollup, "rollup:"),
        (PromptKind.Alerts, "alerts:"),
    ];

    private const string SnoozePrefix = "checkin-snooze-";

    public static string For(PromptKind kind, string memberId, LocalDate anchor) => kind switch
    {
        PromptKind.Reflection or PromptKind.Rollup => $"{Prefix(kind)}{memberId}:{anchor.Year:D4}-{anchor.Month:D2}",
        _ => $"{Prefix(kind)}{memberId}:{Dates.ToIso(anchor)}",
    };

    public static string For(Occurrence occurrence, string memberId)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        return For(occurrence.Kind, memberId, occurrence.Anchor);
    }

    /// <summary>The key of the <paramref name="number"/>th snoozed check-in prompt of a day (1-based).</summary>
    public static string Snooze(string memberId, LocalDate day, int number) => $"{SnoozePrefix}{number}:{memberId}:{Dates.ToIso(day)}";

    /// <summary>
    /// The kind, member and day of a scheduled message's key (a snoozed prompt is a check-in prompt);
    /// null for any other message. Only daily kinds carry a day; others get null.
    /// </summary>
    public static PromptKey? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var snoozed = key.StartsWith(SnoozePrefix, StringComparison.Ordinal);
        var kind = PromptKind.CheckIn;
        string rest;
        if (snoozed)
        {
            var colon = key.IndexOf(':', SnoozePrefix.Length);
            if (colon < 0)
            {
                return null;
            }

            rest = key[(colon + 1)..];
        }
        else
        {
            var match = Prefixes.FirstOrDefault(p => key.StartsWith(p.Prefix, StringComparison.Ordinal));
            if (match.Prefix is null)
            {
                return null;
            }

            kind = match.Kind;
            rest = key[match.Prefix.Length..];
        }

        var lastColon = rest.LastIndexOf(':');
        if (lastColon <= 0)
        {
            return null;
        }

        var day = Dates.ParseIso(rest[(lastColon + 1)..]);
        if (kind is PromptKind.CheckIn or PromptKind.Reminder or PromptKind.Digest or PromptKind.Alerts && day is null)
        {
            return null;
        }

        return new PromptKey(kind, rest[..lastColon], day, snoozed);
    }

    private static string Prefix(PromptKind kind) => Prefixes.First(p => p.Kind == kind).Prefix;
}

/// <param name="Day">The day a daily message is for (the day it was due); null for monthly ones.</param>
public sealed record PromptKey(PromptKind Kind, string MemberId, LocalDate? Day, bool Snoozed);
