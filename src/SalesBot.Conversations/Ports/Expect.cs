namespace SalesBot.Conversations.Ports;

/// <summary>What a write expects to find, so that two writers who meet never silently overwrite each other.</summary>
public sealed record Expect
{
    private Expect(ExpectKind kind, string? version)
    {
        Kind = kind;
        ExpectedVersion = version;
    }

    public ExpectKind Kind { get; }

    public string? ExpectedVersion { get; }

    /// <summary>Last writer wins: for records only one person ever writes (their reflection).</summary>
    public static Expect Any { get; } = new(ExpectKind.Any, null);

    /// <summary>The record must not exist yet (enrolment, a first check-in for the day).</summary>
    public static Expect Absent { get; } = new(ExpectKind.Absent, null);

    /// <summary>The record must still be at the version it was read at.</summary>
    public static Expect Version(string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        return new(ExpectKind.Version, version);
    }

    public static Expect For<T>(Stored<T>? existing) => existing is null ? Absent : Version(existing.Version);
}

public enum ExpectKind
{
    Any,
    Absent,
    Version,
}
