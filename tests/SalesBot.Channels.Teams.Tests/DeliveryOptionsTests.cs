using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Teams.Tests;

public class DeliveryOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("101")]
    public void An_instance_count_outside_one_to_a_hundred_is_refused(string value)
    {
        using var services = Services(value);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains("Delivery:InstanceCount must be between 1 and 100", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public void A_window_margin_outside_zero_to_half_a_second_is_refused_with_the_reason(int milliseconds)
    {
        var result = new DeliveryOptionsValidator().Validate(null, new DeliveryOptions { WindowMarginMilliseconds = milliseconds });

        Assert.Contains("Delivery:WindowMarginMilliseconds must be between 0 and 500", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("100", 100)]
    public void The_instance_count_comes_from_the_delivery_section_and_defaults_to_one(string? value, int expected)
    {
        using var services = Services(value);

        Assert.Equal(expected, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.InstanceCount);
    }

    [Theory]
    [InlineData(1, 60, 60)]
    [InlineData(2, 60, 30)]
    [InlineData(2, 7, 3)]
    [InlineData(3, 50, 16)]
    [InlineData(10, 7, 1)]
    [InlineData(100, 8, 1)]
    public void Each_instance_gets_its_share_of_a_limit_rounded_down_but_never_nothing(int instances, int limit, int share) =>
        Assert.Equal(share, new DeliveryOptions { InstanceCount = instances }.Share(limit));

    private static ServiceProvider Services(string? instanceCount)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(instanceCount is null ? [] : new Dictionary<string, string?> { ["Delivery:InstanceCount"] = instanceCount })
            .Build();
        return new ServiceCollection().AddSalesBotDelivery(configuration).BuildServiceProvider();
    }
}
