namespace SalesBot.Conversations.Ports;

/// <summary>
/// A record as the store holds it, with the version it was read at. Saving it back with
/// <see cref="Expect.Version"/> fails with <see cref="StoreConflictException"/> if someone else saved
/// in between (optimistic concurrency: an ETag on Cosmos DB, a version column on SQLite).
/// </summary>
public sealed record Stored<T>(T Value, string Version)
{
    public Expect AsExpected => Expect.Version(Version);
}
