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

    /// <summary>
    /// How much longer than the channel's own a per-tenant (per-workspace) window is held. A fan-out paced at
    /// exactly the limit sends each permit the moment the oldest leaves the window; the channel counts on
    /// arrival, and a send that arrives a few milliseconds sooner than the one it replaces would be refused
    /// with a 429 (and the permit lost). A margin the size of the network's jitter costs that much throughput.
    /// </summary>
    public int WindowMarginMilliseconds { get; set; } = 20;

    public TimeSpan WindowMargin => TimeSpan.FromMilliseconds(Math.Clamp(WindowMarginMilliseconds, 0, MaxWindowMarginMilliseconds));

    public const int MaxWindowMarginMilliseconds = 500;

    /// <summary>This instance's share of a limit shared by all instances: rounded down, never below one.</summary>
    public int Share(int limit) => Math.Max(1, limit / Math.Clamp(InstanceCount, 1, MaxInstanceCount));
}

public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InstanceCount is < 1 or > DeliveryOptions.MaxInstanceCount)
        {
            return ValidateOptionsResult.Fail($"{DeliveryOptions.Section}:{nameof(DeliveryOptions.InstanceCount)} must be between 1 and {DeliveryOptions.MaxInstanceCount}, not {options.InstanceCount}.");
        }

        return options.WindowMarginMilliseconds is < 0 or > DeliveryOptions.MaxWindowMarginMilliseconds
            ? ValidateOptionsResult.Fail($"{DeliveryOptions.Section}:{nameof(DeliveryOptions.WindowMarginMilliseconds)} must be between 0 and {DeliveryOptions.MaxWindowMarginMilliseconds}, not {options.WindowMarginMilliseconds}.")
            : ValidateOptionsResult.Success;
    }
}
