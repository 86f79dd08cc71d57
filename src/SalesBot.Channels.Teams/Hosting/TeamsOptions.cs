using SalesBot.Channels.Http;

namespace SalesBot.Channels.Teams.Hosting;

/// <summary>How the bot's Microsoft Entra identity is set up (Azure Bot "Type of App").</summary>
public enum BotAppType
{
    /// <summary>App registration in your own tenant, with a client secret. The default for new bots.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity: no secret; tokens come from the Azure host.</summary>
    UserAssignedMSI,

    /// <summary>Multi-tenant app registration with a client secret (no longer offered for new bots).</summary>
    MultiTenant,
}

/// <summary>
/// Teams channel settings. The identity keys are read from the root of configuration with the Bot
/// Framework's names (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>); the rest from the <c>Teams</c> section.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string BotFrameworkScope = "https://api.botframework.com/.default";
    public const string BotFrameworkResource = "https://api.botframework.com";

    /// <summary>Tenants whose Entra-issued tokens the Bot Framework service uses when calling bots.</summary>
    public static IReadOnlyList<string> BotFrameworkTenants { get; } =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    /// <summary>The bot's app id (Entra client id, or the managed identity's client id). Empty: Teams is off.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    public string? AppTenantId { get; set; }

    /// <summary>Bot Framework OpenID metadata (signing keys with channel endorsements).</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Entra OpenID metadata, for Entra-issued tokens.</summary>
    public Uri EntraOpenIdMetadataUrl { get; set; } = new("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration");

    /// <summary>Where outbound tokens come from: <c>{AuthorityHost}/{tenant}/oauth2/v2.0/token</c>.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com");

    /// <summary>
    /// Accept unauthenticated requests when no app id is set (Bot Framework Emulator). Only allowed when the
    /// environment is Development; the app refuses to start otherwise.
    /// </summary>
    public bool AllowUnauthenticatedLocalRequests { get; set; }

    /// <summary>Requests to <c>/api/messages</c> larger than this are refused with 413.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>How long signing keys are kept before they are fetched again.</summary>
    public TimeSpan SigningKeysLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An unknown key id makes the keys be fetched again, at most this often.</summary>
    public TimeSpan SigningKeysMinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A throttled or failed connector call is retried in-process while each wait is at most this long
    /// (a turn's reply also waits this long at most for a rate-limit permit); a longer <c>Retry-After</c>
    /// goes back to the caller (the outbox reschedules).
    /// </summary>
    public TimeSpan MaxInlineRetryDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a proactive (outbox) send waits in-process for a rate-limit permit (the tenant's 50 a second
    /// during a fan-out). Longer waits go back to the outbox as "not attempted", due when the permit would be.
    /// </summary>
    public TimeSpan MaxProactiveLimiterWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per connector call, the first included (so 3 = at most two inline retries).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First inline backoff when the answer has no <c>Retry-After</c> (doubled each retry, jittered).</summary>
    public TimeSpan InlineRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One connector attempt is abandoned (and counts as transient) after this long.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The inline retry policy of the connector's HTTP client.</summary>
    public InlineRetryPolicy InlineRetries => new()
    {
        MaxRetries = MaxAttempts - 1,
        MaxDelay = MaxInlineRetryDelay,
        BaseDelay = InlineRetryBaseDelay,
        AttemptTimeout = AttemptTimeout,
    };

    /// <summary>
    /// Hosts the bot sends its connector token to (<c>*.</c> = any subdomain). A service URL elsewhere is
    /// refused, so an activity with a made-up service URL can never collect the bot's token. Null: the
    /// public and government Teams/Bot Framework hosts.
    /// </summary>
    public List<string>? TrustedServiceUrlHosts { get; set; }

    public static IReadOnlyList<string> DefaultTrustedServiceUrlHosts { get; } =
    [
        "smba.trafficmanager.net",
        "*.trafficmanager.net",
        "*.botframework.com",
        "*.botframework.azure.us",
        "*.teams.microsoft.com",
        "*.teams.microsoft.us",
    ];

    public bool IsTrustedServiceUrl(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var host = serviceUrl.IdnHost;
        return (TrustedServiceUrlHosts ?? (IEnumerable<string>)DefaultTrustedServiceUrlHosts).Any(pattern =>
            pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
    }

    public bool HasAppId => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>The tenant outbound tokens are requested from.</summary>
    public string TokenTenant => AppType == BotAppType.MultiTenant ? "botframework.com" : AppTenantId ?? string.Empty;
}
