using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using SalesBot.Core.Organization;

namespace SalesBot.Host.Roster;

/// <summary>
/// The roster file (<c>Roster:File</c>): who is on a team, their role, manager, start date and zone,
/// as an HR export would say it. JSON:
/// <c>{ "team": "demo-team", "people": [ { "email", "name", "role", "manager", "startDate", "zone" } ] }</c>;
/// <c>manager</c> is another person's email or name in the same file.
/// </summary>
public sealed record RosterFile(string Team, IReadOnlyList<RosterPerson> People)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The roster read from <paramref name="path"/>, or the reasons it cannot be used (each naming the person and field).</summary>
    public static (RosterFile? Roster, IReadOnlyList<string> Problems) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return (null, [$"Roster:File {path} does not exist."]);
        }

        RosterDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RosterDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            return (null, [$"Roster:File {path} is not valid roster JSON: {e.Message}"]);
        }

        return document is null ? (null, [$"Roster:File {path} is empty."]) : Validate(document);
    }

    private static (RosterFile?, IReadOnlyList<string>) Validate(RosterDocument document)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Team))
        {
            problems.Add("The roster needs \"team\": the id of the team it describes.");
        }

        var people = new List<RosterPerson>();
        foreach (var (row, index) in (document.People ?? []).Select((p, i) => (p, i + 1)))
        {
            var who = string.IsNullOrWhiteSpace(row.Name) ? $"person {index}" : row.Name.Trim();
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                problems.Add($"{who}: \"name\" is required (as they appear in Teams or Slack).");
                continue;
            }

            if (!Enum.TryParse<MemberRole>(row.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                problems.Add($"{who}: \"role\" must be one of {string.Join(", ", Enum.GetNames<MemberRole>())}, not \"{row.Role}\".");
                continue;
            }

            LocalDate? start = null;
            if (!string.IsNullOrWhiteSpace(row.StartDate))
            {
                var parsed = LocalDatePattern.Iso.Parse(row.StartDate.Trim());
                if (!parsed.Success)
                {
                    problems.Add($"{who}: \"startDate\" must be a date like 2026-01-05, not \"{row.StartDate}\".");
                    continue;
                }

                start = parsed.Value;
            }

            if (!string.IsNullOrWhiteSpace(row.Zone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.Zone.Trim()) is null)
            {
                problems.Add($"{who}: \"zone\" must be an IANA time zone like America/New_York, not \"{row.Zone}\".");
                continue;
            }

            people.Add(new RosterPerson(row.Name.Trim(), row.Email?.Trim(), role, string.IsNullOrWhiteSpace(row.Manager) ? null : row.Manager.Trim(), start,
                string.IsNullOrWhiteSpace(row.Zone) ? null : row.Zone.Trim()));
        }

        foreach (var duplicate in people.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key} is in the roster {duplicate.Count()} times; names must be unique (people are matched by name).");
        }

        var roster = new RosterFile(document.Team?.Trim() ?? string.Empty, people);
        foreach (var person in people.Where(p => p.Manager is not null))
        {
            var manager = roster.Find(person.Manager!);
            if (manager is null)
            {
                problems.Add($"{person.Name}: manager \"{person.Manager}\" is not in the roster.");
            }
            else if (!manager.Role.CanSeeTeamStatus())
            {
                problems.Add($"{person.Name}: manager {manager.Name} is a {manager.Role}; a manager must be a Manager or Leader.");
            }
            else if (roster.LeadsBackTo(person))
            {
                problems.Add($"{person.Name}: the managers above them lead back to them (a loop).");
            }
        }

        return problems.Count == 0 ? (roster, []) : (null, problems);
    }

    /// <summary>A person by email or name.</summary>
    public RosterPerson? Find(string emailOrName) =>
        People.FirstOrDefault(p => string.Equals(p.Email, emailOrName, StringComparison.OrdinalIgnoreCase))
        ?? People.FirstOrDefault(p => string.Equals(p.Name, emailOrName, StringComparison.OrdinalIgnoreCase));

    private bool LeadsBackTo(RosterPerson person)
    {
        var next = person.Manager is null ? null : Find(person.Manager);
        for (var depth = 0; next is not null && depth <= People.Count; depth++)
        {
            if (next == person)
            {
                return true;
            }

            next = next.Manager is null ? null : Find(next.Manager);
        }

        return false;
    }

    private sealed record RosterDocument(string? Team, IReadOnlyList<RosterRow>? People);

    private sealed record RosterRow(string? Email, string? Name, string? Role, string? Manager, string? StartDate, string? Zone);
}

public sealed record RosterPerson(string Name, string? Email, MemberRole Role, string? Manager, LocalDate? StartDate, string? Zone);
