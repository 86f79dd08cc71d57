using System.Net;
using System.Net.Sockets;

namespace SalesBot.Testing.Faults;

/// <summary>
/// Sits in an outbound HTTP client: while <see cref="Refusing"/> is on, each request goes to a loopback
/// port nobody listens on, so the socket layer really answers "connection refused".
/// </summary>
public sealed class FaultSwitch : DelegatingHandler
{
    private readonly int _closedPort = ClosedLoopbackPort();

    public bool Refusing { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refusing && request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Host = "127.0.0.1", Port = _closedPort }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
