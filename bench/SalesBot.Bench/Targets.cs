namespace SalesBot.Bench;

/// <summary>What a target is: one of the references, or the SalesBot Host on one of its stores.</summary>
internal enum TargetKind
{
    /// <summary>Kestrel parses the activity and answers 200: the web stack's ceiling.</summary>
    MinimalKestrel,

    /// <summary>The least work an authenticated bot must do per turn (see References/MinimalTurn.cs).</summary>
    MinimalTurn,

    /// <summary>SalesBot on SQLite, its embedded default.</summary>
    SalesBotSqlite,

    /// <summary>SalesBot on the Cosmos test server (latency only: the test server is not a real Cosmos DB).</summary>
    SalesBotCosmos,
}

/// <summary>One process to start and measure: the dll, the arguments before <c>--urls</c>, and how to configure it.</summary>
internal sealed record Target(string Name, TargetKind Kind, string Label, string Dll, IReadOnlyList<string> Arguments)
{
    public bool IsSalesBot => Kind is TargetKind.SalesBotSqlite or TargetKind.SalesBotCosmos;

    /// <summary>Every turn of these gets a reply through the connector; the bare Kestrel reference replies to none.</summary>
    public bool Replies => Kind is not TargetKind.MinimalKestrel;
}
