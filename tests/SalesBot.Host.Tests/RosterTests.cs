using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Host.Roster;
using SalesBot.Storage.Sqlite;
using SalesBot.Testing;

namespace SalesBot.Host.Tests;

/// <summary>The roster file: checked at start-up with every problem named, then applied once to the people it names.</summary>
public sealed class RosterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));

    public RosterTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "roster.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Good = """
        {
          "team": "team-1",
          "people": [
            { "email": "lee@example.com", "name": "Lee Leader", "role": "Leader" },
            { "email": "mia@example.com", "name": "Mia Manager", "role": "Manager", "manager": "lee@example.com" },
            { "email": "ava@example.com", "name": "Ava Patel", "role": "Farmer", "manager": "mia@example.com", "startDate": "2025-03-03", "zone": "Europe/London" },
            { "email": "new@example.com", "name": "Not Yet Here", "role": "Hunter", "manager": "Mia Manager" }
          ]
        }
        """;

    [Fact]
    public void A_roster_that_cannot_be_used_names_every_problem_and_stops_the_start_up()
    {
        var path = Write("""
            {
              "team": "team-1",
              "people": [
                { "name": "Ann", "role": "Manager", "manager": "Bob" },
                { "name": "Bob", "role": "Manager", "manager": "Ann" },
                { "name": "Cid", "role": "Boss" },
                { "name": "Dee", "role": "Hunter", "zone": "Mars/Olympus" },
                { "name": "Eve", "role": "Hunter", "manager": "Dee" },
                { "name": "Fay", "role": "Hunter", "manager": "nobody@example.com", "startDate": "yesterday" }
              ]
            }
            """);

        var result = new RosterOptionsValidator().Validate(null, new RosterOptions { File = path });

        Assert.True(result.Failed);
        Assert.Contains("Ann: the managers above them lead back to them (a loop).", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cid: \"role\" must be one of Hunter, Farmer, Manager, Leader, not \"Boss\".", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Dee: \"zone\" must be an IANA time zone", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Eve: manager \"Dee\" is not in the roster.", result.FailureMessage, StringComparison.Ordinal); // Dee was refused above
        Assert.Contains("Fay: \"startDate\" must be a date like 2026-01-05", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("does not exist", new RosterOptionsValidator().Validate(null, new RosterOptions { File = Path.Combine(_folder, "missing.json") }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("not valid roster JSON", new RosterOptionsValidator().Validate(null, new RosterOptions { File = Write("{ \"team\": \"t\", \"peeple\": [] }") }).FailureMessage, StringComparison.Ordinal);
        Assert.True(new RosterOptionsValidator().Validate(null, new RosterOptions()).Succeeded);
    }

    [Fact]
    public async Task The_roster_sets_role_manager_start_and_zone_of_the_people_enrolled_and_a_restart_changes_nothing()
    {
        await using var db = await TempSqlite.CreateAsync();
        var writer = new SqliteStoreWriter(db.Database);
        await writer.CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent)
            .PutMember(MemberBuilder.ALeader().Build(), Expect.Absent)
            .PutMember(MemberBuilder.AManager().Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("rep-1").WithName("Ava Patel").Build(), Expect.Absent));
        var (roster, problems) = RosterFile.Read(Write(Good));
        Assert.Empty(problems);
        var members = new SqliteMemberStore(db.Database);
        var import = new RosterImport(Options.Create(new RosterOptions()), new SqliteOrganizationStore(db.Database), members, writer, NullLogger<RosterImport>.Instance);

        Assert.Equal(2, await import.ApplyAsync(roster!, CancellationToken.None));
        Assert.Equal(0, await import.ApplyAsync(roster!, CancellationToken.None));

        var ava = (await members.GetAsync(TestData.TeamId, "rep-1"))!.Value;
        Assert.Equal(("manager-1", MemberRole.Farmer, new LocalDate(2025, 3, 3), "Europe/London"), (ava.ManagerId, ava.Role, ava.StartDate, ava.TimeZoneId));
        Assert.Equal("leader-1", (await members.GetAsync(TestData.TeamId, "manager-1"))!.Value.ManagerId);
    }
}
