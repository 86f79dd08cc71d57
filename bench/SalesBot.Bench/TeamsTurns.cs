using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Bench;

/// <summary>
/// Teams personal-chat message activities from many distinct reps of one tenant, shaped like the ones
/// the Teams service posts (see the Teams tests' TeamsActivities). Every activity gets a unique id, so
/// the Host's duplicate check never short-cuts a turn.
/// </summary>
internal sealed class TeamsTurns
{
    public const string TenantId = "72f988bf-0000-4000-8000-00000000be4c";
    private static readonly string[] Zones = ["America/New_York", "Europe/London", "Europe/Berlin", "America/Los_Angeles"];
    private static readonly byte[] Prefix = "{\"type\":\"message\",\"id\":\""u8.ToArray();
    private static readonly byte[] TextStart = "\",\"text\":"u8.ToArray();

    private readonly byte[][] _userParts;
    private readonly byte[] _managerPart;
    private readonly byte[][] _checkInLines;
    private readonly byte[] _enrollLine = Quoted("help");
    private readonly string _idPrefix;

    public TeamsTurns(string serviceUrl, string botAppId, int users, string runTag, DateTimeOffset timestamp)
    {
        Users = users;
        _idPrefix = runTag + "-";
        _userParts = Enumerable.Range(0, users)
            .Select(u => UserPart(serviceUrl, botAppId, $"29:bench-rep-{u:D6}", $"Rep {u}", $"a:bench-1on1-{u:D6}", Zones[u % Zones.Length], timestamp))
            .ToArray();
        _managerPart = UserPart(serviceUrl, botAppId, "29:bench-manager", "Bench Manager", "a:bench-1on1-manager", Zones[0], timestamp);

        // Varied but plausible numbers for the default hunter metrics; parsed as a one-line check-in.
        _checkInLines = Enumerable.Range(0, 64)
            .Select(i => Quoted($"calls {18 + (i * 7 % 30)}, meetings {i % 6}, proposals {i % 3}"))
            .ToArray();
    }

    public int Users { get; }

    /// <summary>The tenant's first speaker becomes its manager; the bench sends that turn first so every measured user is a rep.</summary>
    public HttpContent Manager() => Build("m0", _enrollLine, _managerPart);

    /// <summary>Each user's first message (it enrolls them); null once every user has had one.</summary>
    public HttpContent? Enroll(long sequence) =>
        sequence < Users ? Build("e" + sequence.ToString(CultureInfo.InvariantCulture), _enrollLine, _userParts[sequence]) : null;

    /// <summary>Check-in lines round-robin over all users: consecutive turns of one user are <see cref="Users"/> requests apart.</summary>
    public HttpContent CheckIn(long sequence) => CheckInAmong(sequence, Users);

    /// <summary>Check-in lines round-robin over the first <paramref name="among"/> users.</summary>
    public HttpContent CheckInAmong(long sequence, int among)
    {
        var user = (int)(sequence % among);
        var round = sequence / among;
        var line = _checkInLines[(int)((user * 31 + round) % _checkInLines.Length)];
        return Build("c" + user.ToString(CultureInfo.InvariantCulture) + "-" + round.ToString(CultureInfo.InvariantCulture), line, _userParts[user]);
    }

    private SegmentContent Build(string id, byte[] text, byte[] userPart) =>
        new SegmentContent(Prefix, Encoding.UTF8.GetBytes(_idPrefix + id), TextStart, text, userPart);

    private static byte[] Quoted(string text) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));

    /// <summary>Everything after the text: <c>,"from":…}</c> for one user's 1:1 conversation.</summary>
    private static byte[] UserPart(string serviceUrl, string botAppId, string userId, string name, string conversationId, string zone, DateTimeOffset timestamp)
    {
        var rest = new JsonObject
        {
            ["textFormat"] = "plain",
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["localTimezone"] = zone,
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = "aad-" + userId[3..] },
            ["recipient"] = new JsonObject { ["id"] = "28:" + botAppId, ["name"] = "SalesBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-US",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = zone,
            }),
        }.ToJsonString();
        return Encoding.UTF8.GetBytes("," + rest[1..]);
    }
}
