using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using SalesBot.Channels.Teams.Hosting;

namespace SalesBot.Channels.Teams.Auth;

/// <summary>Bearer tokens for calls to the Bot Framework connector.</summary>
public interface IBotTokenProvider
{
    /// <summary>A token for the connector, or null when calls go out unauthenticated (local mode, no app id).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Whether calls will carry a token, known without asking for one (so a service URL is checked first).</summary>
    bool IssuesTokens => true;
}

/// <summary>
/// Tokens from Microsoft Entra through <c>Microsoft.Identity.Client</c>: client credentials for
/// SingleTenant (authority = own tenant) and MultiTenant (authority = <c>botframework.com</c>), a
/// user-assigned managed identity for UserAssignedMSI. MSAL caches the token and renews it shortly
/// before it expires; the last token is also kept here until <see cref="RenewBefore"/> its expiry,
/// because asking MSAL's cache costs far more than a reply itself. Its HTTP goes through
/// <see cref="IHttpClientFactory"/>, so the authority can be a local issuer in tests.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    /// <summary>Tokens live an hour or more; renewing five minutes early leaves room for clock skew and slow calls.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<(string Token, DateTimeOffset ExpiresOn)>>? _acquire;
    private readonly TimeProvider _time;
    private volatile Tuple<string, DateTimeOffset>? _last;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var o = options.Value;
        if (!o.HasAppId)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClients);
        if (o.AppType == BotAppType.UserAssignedMSI)
        {
            var msi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.AppId!))
                .WithHttpClientFactory(msalHttp)
                .Build();
            _acquire = async ct => Token(await msi.AcquireTokenForManagedIdentity(TeamsOptions.BotFrameworkResource).ExecuteAsync(ct));
            return;
        }

        var authority = new Uri(o.AuthorityHost, o.TokenTenant + "/");
        var app = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword)
            .WithAuthority(authority.ToString(), validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(msalHttp)
            .Build();
        string[] scopes = [TeamsOptions.BotFrameworkScope];
        _acquire = async ct => Token(await app.AcquireTokenForClient(scopes).ExecuteAsync(ct));
    }

    /// <summary>For tests of the renewal rule: tokens come from <paramref name="acquire"/>.</summary>
    internal MsalBotTokenProvider(Func<CancellationToken, Task<(string Token, DateTimeOffset ExpiresOn)>> acquire, TimeProvider time)
    {
        _acquire = acquire;
        _time = time;
    }

    public bool IssuesTokens => _acquire is not null;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_acquire is null)
        {
            return null;
        }

        if (_last is { } last && last.Item2 - _time.GetUtcNow() > RenewBefore)
        {
            return last.Item1;
        }

        var (token, expiresOn) = await _acquire(cancellationToken);
        _last = Tuple.Create(token, expiresOn);
        return token;
    }

    private static (string, DateTimeOffset) Token(AuthenticationResult result) => (result.AccessToken, result.ExpiresOn);

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(TeamsHttpClients.Identity);
    }
}
