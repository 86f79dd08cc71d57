using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace SalesBot.Storage.Cosmos;

/// <summary>Builds the process's one <see cref="CosmosClient"/> (it pools connections and caches routing; never one per call).</summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosOptions options, CosmosOperationCounter counter, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counter);
        var clientOptions = ClientOptions(options, counter);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new CosmosClient(options.ConnectionString, clientOptions);
        }

        credential ??= string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new CosmosClient(options.Endpoint!.AbsoluteUri, credential, clientOptions);
    }

    public static CosmosClientOptions ClientOptions(CosmosOptions options, CosmosOperationCounter counter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "SalesBot",
            UseSystemTextJsonSerializerWithOptions = CosmosJson.Options,
            // Serverless accounts throttle bursts (e.g. the 09:00 prompt sweep): wait rather than fail a turn.
            MaxRetryAttemptsOnRateLimitedRequests = 9,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(30),
            CustomHandlers = { counter },
        };
        if (options.AcceptAnyServerCertificate)
        {
            // The local test server: self-signed certificate, gateway (HTTPS) only, one endpoint.
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = static () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return clientOptions;
    }
}
