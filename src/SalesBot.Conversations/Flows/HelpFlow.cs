using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>What the bot can do, tailored to reps and managers.</summary>
public sealed class HelpFlow : IFlow
{
    public IReadOnlyList<string> Commands { get; } = ["help", "?", "hi", "hello", "hey", "start"];

    public IReadOnlyList<string> Verbs { get; } = ["help"];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(For(turn.Member)));

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(For(turn.Member)));

    public static OutboundMessage For(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Role.IsRep() ? ForRep(member) : ForLeader(member);
    }

    private static OutboundMessage ForRep(Member member)
    {
        var metrics = member.Metrics.Count == 0
            ? "You have no lead metrics yet; ask your manager to set them up."
            : "Your lead metrics: " + string.Join(", ", member.Metrics.Select(m => $"{m.Name} (target {m.DailyTarget})")) + ".";
        return new OutboundMessage
        {
            Text = $"Hi {member.DisplayName}! I'm SalesBot: I help you do the right things every day. Try: check in, win, reflect, status.",
            Blocks =
            [
                new Heading($"Hi {member.DisplayName}, here's what I can do"),
                new BulletList(
                [
                    "check in: yesterday's numbers, today's top 3 and blockers (or type it in one line: calls 32, meetings 4, proposals 1)",
                    "win: log a win with the form (stage advanced, meeting booked, deal closed, or your own words), or type it: win moved Acme to proposal, win closed Contoso $12,000",
                    "quota: this month's deals and revenue against the quota your manager set; pipeline: your team's stages",
                    "fix Fri calls 14: correct a recent check-in (the last 2 working days too); what you don't name stays as it was",
                    "posts off, posts on: keep your wins out of the team channel (they still count, and your manager sees them)",
                    "reflect: this month's what worked, what didn't, what I'll try",
                    "status: your last few days and your streak",
                    "metrics: your lead metrics and daily targets (your manager sets them)",
                    "off until Dec 2, off tomorrow, skip today, back: time away (no prompts, streak kept)",
                    "schedule: when I ask you; e.g. schedule checkin 8:30, schedule reminder off",
                ]),
                new Paragraph(metrics, Subtle: true),
            ],
            Actions = [new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true), new ActionButton("Status", StatusFlow.Verb)],
        };
    }

    private static OutboundMessage ForLeader(Member member) => new()
    {
        Text = $"Hi {member.DisplayName}! I'm SalesBot: I ask your reps for their numbers every working day. Try: status.",
        Blocks =
        [
            new Heading($"Hi {member.DisplayName}, here's what I can do"),
            new BulletList(
            [
                "status: who has checked in for the day, each rep's numbers against target, and their blockers",
                "status week, status month: check-ins made against expected, totals against target, wins, open blockers and their age, streaks",
                "status @name (or just a name): one rep's month, wins, open blocker and what they'll try; only for people who report to you",
                "win <what happened>: celebrate a win in the team channel",
                "pipeline: the team's stages; pipeline Lead, Qualified, Demo, Proposal, Closed won: set them in order",
                "quota: each rep's monthly quota and progress; quota @ava 5 deals, quota Ava $40,000, quota ava off",
                "posts: how the channel celebrates; posts cap 5 (a day, more fold into one round-up), posts roundup 17:30",
                "metrics: the team's metrics and daily targets by role and tenure; metrics Ava calls 40, meetings 3 · metrics Ava add referrals 2 · metrics Ava remove calls · target Ava calls 35 (from the rep's next report day)",
                "team schedule: when the team is asked (check-in, reminder, digest…); holiday add Dec 24 Christmas Eve: team days off",
                "manager Ava is Morgan: who Ava reports to (manager Ava to see it, manager Ava is nobody to clear it)",
                "alerts: the daily coaching alerts you get (missed check-ins, droughts, old blockers); e.g. alerts drought 25%, alerts blockers off",
                "run prompts, run reminders, run alerts, run digest: send one now; delivery: what was sent, what is waiting, what failed",
                "Each rep gets a check-in prompt in their own time zone on the team's working days (say schedule to see when); wins are posted to the team channel.",
            ]),
        ],
        Actions = [new ActionButton("Team status", StatusFlow.Verb, Primary: true)],
    };
}
