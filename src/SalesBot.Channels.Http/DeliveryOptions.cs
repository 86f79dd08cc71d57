using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Http;

/// <summary>
/// Configuration section <c>Delivery</c>: what the channel rate limiters need to know about the
/// deployment. Each instance keeps its own limiters, so with <see cref="InstanceCount"/> instances
/// every per-conversation, per-tenant and per-workspace permit limit is divided by it (the split rule).
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";
    public const int MaxInstanceCount = 100;

    /// <summary>How many instances of the bot send at once (the App Service plan's instance count).</summary>
    public int InstanceCount { get; set; } = 1;

    /// <summary>This instance's share of a limit shared by all instances: rounded down, never below one.</summary>
    public int Share(int limit) => Math.Max(1, limit / Math.Clamp(InstanceCount, 1, MaxInstanceCount));
}

public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.InstanceCount is < 1 or > DeliveryOptions.MaxInstanceCount
            ? ValidateOptionsResult.Fail($"{DeliveryOptions.Section}:{nameof(DeliveryOptions.InstanceCount)} must be between 1 and {DeliveryOptions.MaxInstanceCount}, not {options.InstanceCount}.")
            : ValidateOptionsResult.Success;
    }
}
