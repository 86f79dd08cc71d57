using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SalesBot.Bench;

/// <summary>
/// Teams 1:1 message activities for the summary-cost team, shaped as <see cref="TeamsTurns"/> makes them:
/// the founder (the tenant's first speaker, so its manager), the 50 reps, and the other managers who
/// ask for <c>status month</c> beside the founder. Several managers, because Teams allows a bot 60 sends
/// per 30 s in one conversation, which the Host enforces on its replies: one manager asking hundreds of
/// times a second would measure that limit, not the summary.
/// </summary>
internal sealed class SummaryTurns(string serviceUrl, string botAppId, string runTag)
{
    public const int Reps = 50;
    public const string Zone = "America/New_York";
    private long _sequence;

    /// <summary>The founder is manager 0; the others are promoted after they joined (<see cref="SummaryHistory"/>).</summary>
    public static string ManagerId(int manager) => manager == 0 ? "29:summary-manager" : $"29:summary-manager-{manager:D2}";

    public static string ManagerName(int manager) => manager == 0 ? "Morgan Lead" : $"Manager {manager:D2}";

    public static string RepId(int rep) => $"29:summary-rep-{rep:D2}";

    public HttpContent Manager(int manager, string text) => Build(ManagerId(manager), ManagerName(manager), text);

    public HttpContent Rep(int rep, string text) => Build(RepId(rep), $"Rep {rep:D2}", text);

    private SegmentContent Build(string userId, string name, string text)
    {
        var id = runTag + "-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["text"] = text,
            ["textFormat"] = "plain",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["localTimezone"] = Zone,
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = "aad-" + userId[3..] },
            ["recipient"] = new JsonObject { ["id"] = "28:" + botAppId, ["name"] = "SalesBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:1on1-" + userId[3..], ["conversationType"] = "personal", ["tenantId"] = TeamsTurns.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTurns.TenantId } },
            ["locale"] = "en-US",
        };
        return new SegmentContent(Encoding.UTF8.GetBytes(activity.ToJsonString()));
    }
}
