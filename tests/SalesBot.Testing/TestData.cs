using NodaTime;
using SalesBot.Core.Organization;

namespace SalesBot.Testing;

public static class TestData
{
    public const string Channel = "test";
    public const string Tenant = "tenant-1";
    public const string OrganizationId = "org-1";
    public const string TeamId = "team-1";

    /// <summary>Monday 23 Nov 2026, 09:00 in New York: a check-in now reports on Friday 20 Nov.</summary>
    public static Instant MondayMorningInNewYork { get; } = Instant.FromUtc(2026, 11, 23, 14, 0);

    public static LocalDate Friday { get; } = new(2026, 11, 20);

    public static Team Team { get; } = new(TeamId, OrganizationId, "Test Sales", "America/New_York");

    public static Organization Organization { get; } = new()
    {
        Id = OrganizationId,
        Name = "Test Org",
        DefaultTeamId = TeamId,
        Workspaces = [new Workspace(Channel, Tenant)],
    };
}
