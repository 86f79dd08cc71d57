namespace SalesBot.Bench;

/// <summary>
/// The environment each measured process starts with. The Host is configured only through environment
/// variables, the same keys for every run: Production, logging at Warning, auth on against the local peers.
/// </summary>
internal static class HostEnvironment
{
    public const string AppId = "5b0b3a1e-0000-4000-8000-0000bench001";
    public const string AdminKey = "bench-admin-key-0123456789-abcdefghijkl";

    public static Dictionary<string, string> For(Target target, string folder, LocalPeers peers, string certificatePem, string? cosmosEndpoint, bool scheduling = false) =>
        target.Kind switch
        {
            TargetKind.MinimalKestrel => [],
            TargetKind.MinimalTurn => new()
            {
                ["BENCH_APP_ID"] = AppId,
                ["BENCH_JWKS_URL"] = new Uri(peers.HttpBase, "bf/keys").ToString(),
                ["BENCH_TOKEN_URL"] = new Uri(peers.HttpsBase, TeamsTurns.TenantId + "/oauth2/v2.0/token").ToString(),
                ["BENCH_DB"] = Path.Combine(folder, "minimal-turn.db"),
                ["SSL_CERT_FILE"] = certificatePem,
            },
            TargetKind.SalesBotSqlite => SalesBot(folder, peers, certificatePem, scheduling),
            TargetKind.SalesBotCosmos => Cosmos(SalesBot(folder, peers, certificatePem, scheduling), folder, cosmosEndpoint
                ?? throw new InvalidOperationException("The Cosmos run needs --cosmos-endpoint (bench/run.sh starts the test server).")),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };

    private static Dictionary<string, string> SalesBot(string folder, LocalPeers peers, string certificatePem, bool scheduling) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Storage__Sqlite__Path"] = Path.Combine(folder, "salesbot.db"),
        ["Scheduling__Enabled"] = scheduling ? "true" : "false",
        ["Demo__Seed"] = "false",
        ["Playground__Enabled"] = "false",
        ["Admin__Key"] = AdminKey,
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "bench-secret",
        ["MicrosoftAppTenantId"] = TeamsTurns.TenantId,
        ["Teams__OpenIdMetadataUrl"] = peers.BotFrameworkMetadata.ToString(),
        ["Teams__EntraOpenIdMetadataUrl"] = peers.EntraMetadata.ToString(),
        // MSAL only takes an https authority: the local token endpoint is TLS with a certificate trusted below.
        ["Teams__AuthorityHost"] = peers.HttpsBase.ToString(),
        // An http service URL gets the bot's token only on loopback and only when its host is listed.
        ["Teams__TrustedServiceUrlHosts__0"] = "127.0.0.1",
        ["SSL_CERT_FILE"] = certificatePem,
    };

    /// <summary>
    /// The Cosmos test server has a self-signed certificate, which the Host accepts only outside Production,
    /// so this run says Staging; everything else is as in the SQLite run. A fresh database per run.
    /// </summary>
    private static Dictionary<string, string> Cosmos(Dictionary<string, string> environment, string folder, string endpoint)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        environment["Storage__Provider"] = "Cosmos";
        environment["Storage__Cosmos__ConnectionString"] = $"AccountEndpoint={endpoint};AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;";
        environment["Storage__Cosmos__Database"] = "bench-" + Path.GetFileName(folder) + "-" + Guid.NewGuid().ToString("N")[..8];
        environment["Storage__Cosmos__AcceptAnyServerCertificate"] = "true";
        return environment;
    }
}
