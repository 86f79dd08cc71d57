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
}

/// <summary>
/// Tokens from Microsoft Entra through <c>Microsoft.Identity.Client</c>: client credentials for
/// SingleTenant (authority = own tenant) and MultiTenant (authority = <c>botframework.com</c>), a
/// user-assigned managed identity for UserAssignedMSI. MSAL caches the token and renews it shortly
/// before it expires. Its HTTP goes through <see cref="IHttpClientFactory"/>, so the authority can be
/// a local issuer in tests.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly Func<CancellationToken, Task<AuthenticationResult>>? _acquire;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
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
            _acquire = ct => msi.AcquireTokenForManagedIdentity(TeamsOptions.BotFrameworkResource).ExecuteAsync(ct);
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
        _acquire = ct => app.AcquireTokenForClient(scopes).ExecuteAsync(ct);
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        _acquire is null ? null : (await _acquire(cancellationToken)).AccessToken;

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(TeamsHttpClients.Identity);
    }
}
