using Microsoft.Extensions.Options;

namespace SalesBot.Storage.Cosmos;

/// <summary>Fails start-up with a message that says which setting of <c>Storage:Cosmos</c> to fix.</summary>
public sealed class CosmosOptionsValidator : IValidateOptions<CosmosOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasEndpoint = options.Endpoint is not null;
        if (hasConnectionString == hasEndpoint)
        {
            failures.Add($"{CosmosOptions.Section}: set exactly one of ConnectionString (key) or Endpoint (managed identity), not {(hasEndpoint ? "both" : "neither")}.");
        }

        if (hasEndpoint && !options.Endpoint!.IsAbsoluteUri)
        {
            failures.Add($"{CosmosOptions.Section}:Endpoint must be an absolute https URI such as https://myaccount.documents.azure.com:443/.");
        }

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            failures.Add($"{CosmosOptions.Section}:Database must not be empty.");
        }

        if (options.Throughput == CosmosThroughput.Provisioned
            && (options.AutoscaleMaxThroughput is not { } max || max < 1000 || max % 1000 != 0))
        {
            failures.Add($"{CosmosOptions.Section}:AutoscaleMaxThroughput must be 1000 or more, in steps of 1000, when Throughput is Provisioned.");
        }

        if (options.Throughput == CosmosThroughput.Serverless && options.AutoscaleMaxThroughput is not null)
        {
            failures.Add($"{CosmosOptions.Section}:AutoscaleMaxThroughput applies only when Throughput is Provisioned; a serverless account has none.");
        }

        if (options.OutboxShards is < 1 or > 64)
        {
            failures.Add($"{CosmosOptions.Section}:OutboxShards must be between 1 and 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
