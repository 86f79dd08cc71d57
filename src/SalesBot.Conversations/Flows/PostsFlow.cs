using System.Globalization;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Fair recognition in chat: "posts" shows how the team channel celebrates; "posts off" / "posts on"
/// is a person's own choice to be celebrated in public or not; a manager's "posts cap 5" and
/// "posts roundup 17:30" set the team's daily cap and when the evening round-up goes out.
/// </summary>
public sealed class PostsFlow(MemberChanges changes) : IFlow
{
    public const string ShowVerb = "posts.show";

    private const string Usage = "Try \"posts off\" (your wins stay private to you and your manager) or \"posts on\".";
    private const string ManagerUsage = "Managers can also set \"posts cap 5\" (celebration posts a day, 0–50) and \"posts roundup 17:30\" (the evening round-up, team time).";

    public IReadOnlyList<string> Commands { get; } = ["posts"];

    public IReadOnlyList<string> Verbs { get; } = [ShowVerb];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return Task.FromResult(TurnResult.Reply(Show(turn.Member, turn.Team)));
    }

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var words = (argument ?? string.Empty).Trim().ToLowerInvariant().Replace("round-up", "roundup", StringComparison.Ordinal)
            .Replace("round up", "roundup", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case []:
                return TurnResult.Reply(Show(turn.Member, turn.Team));
            case ["off"]:
                var off = await changes.UpdateMemberAsync(turn, m => m with { PostsOff = true }, cancellationToken);
                return TurnResult.Reply(Show(off, turn.Team,
                    "Done: your wins won't be posted in the team channel, nor named in the round-up. I still keep them, they still count " +
                    "for your status, digests and streak, and your manager still sees them. Say \"posts on\" to be celebrated again."));
            case ["on"]:
                var on = await changes.UpdateMemberAsync(turn, m => m with { PostsOff = false }, cancellationToken);
                return TurnResult.Reply(Show(on, turn.Team, "Done: your wins are celebrated in the team channel again."));
            case ["cap", _] or ["roundup", _] when !turn.Member.Role.CanSeeTeamStatus():
                return TurnResult.Reply("Only a manager can change how the team channel celebrates. " + Usage);
            case ["cap", var n]:
                if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) || cap > RecognitionSettings.MaxDailyPostCap)
                {
                    return TurnResult.Reply($"The daily cap must be a whole number from 0 to {RecognitionSettings.MaxDailyPostCap}, e.g. \"posts cap 5\". Nothing was changed.");
                }

                return await UpdateTeamAsync(turn, turn.Team.Recognition with { DailyPostCap = cap },
                    $"Done: at most {Posts(cap)} a day in {turn.Team.Name}'s channel; more fold into the evening round-up.", cancellationToken);
            case ["roundup", var time]:
                if (DayText.ParseTime(time) is not { } at)
                {
                    return TurnResult.Reply($"Sorry, \"{time}\" isn't a time of day. Try \"posts roundup 17:30\". Nothing was changed.");
                }

                return await UpdateTeamAsync(turn, turn.Team.Recognition with { RoundUpAt = at },
                    $"Done: on a day past the cap, the round-up goes out at {DayText.Display(at)} ({turn.Team.DefaultTimeZone}).", cancellationToken);
            default:
                return TurnResult.Reply($"Sorry, I didn't understand \"posts {argument?.Trim()}\". " + Usage +
                    (turn.Member.Role.CanSeeTeamStatus() ? " " + ManagerUsage : string.Empty));
        }
    }

    private async Task<TurnResult> UpdateTeamAsync(Turn turn, RecognitionSettings settings, string done, CancellationToken cancellationToken)
    {
        if (settings.Problem(turn.Team.Schedule) is { } problem)
        {
            return TurnResult.Reply(problem + " Nothing was changed.");
        }

        var team = await changes.UpdateTeamAsync(turn, t => t with { Recognition = settings }, cancellationToken);
        return TurnResult.Reply(Show(turn.Member, team, done));
    }

    public static OutboundMessage Show(Member member, Team team, string? headline = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(team);
        var settings = team.Recognition;
        var schedule = team.Schedule;
        var facts = new List<Fact>
        {
            new("Daily cap", $"{Posts(settings.DailyPostCap)} a day in the team channel; more fold into one round-up"),
            new("Round-up", $"{DayText.Display(settings.RoundUpAt)} on a day past the cap"),
            new("Quiet hours", $"posts go out {WeekDays.Display(schedule.WorkingDays)}, {DayText.Display(schedule.WorkdayStart)}–{DayText.Display(schedule.WorkdayEnd)}, not on team holidays; later ones wait for the next working morning"),
            new("Team time zone", team.DefaultTimeZone),
            new("Your wins", member.PostsOff ? "not posted (posts off); still counted, and your manager sees them" : "celebrated in the team channel"),
        };
        var text = (headline is null ? string.Empty : headline + " ") +
            $"{team.Name}'s channel: at most {Posts(settings.DailyPostCap)} a day, round-up at {DayText.Display(settings.RoundUpAt)}; your posts are {(member.PostsOff ? "off" : "on")}.";
        return new OutboundMessage
        {
            Text = text,
            Blocks =
            [
                new Heading($"Win posts in {team.Name}'s channel"),
                .. headline is null ? Array.Empty<MessageBlock>() : [new Paragraph(headline)],
                new FactList(facts),
                new Paragraph(member.Role.CanSeeTeamStatus() ? Usage + " " + ManagerUsage : Usage, Subtle: true),
            ],
        };
    }

    private static string Posts(int n) => n == 1 ? "1 post" : $"{n.ToString(CultureInfo.InvariantCulture)} posts";
}
