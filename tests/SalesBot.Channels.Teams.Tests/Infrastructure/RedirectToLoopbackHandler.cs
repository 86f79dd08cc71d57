namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>
/// Sends MSAL's requests for https://login.microsoftonline.com/… to the local issuer instead, keeping the
/// path, so the real MSAL client-credentials flow runs against a loopback token endpoint.
/// </summary>
public sealed class RedirectToLoopbackHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
