using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesBot.Conversations;
using SalesBot.Conversations.Flows;
using SalesBot.Host.CheckIns;

namespace SalesBot.Host.Tests;

public sealed class CheckInOptionsTests
{
    private static ServiceProvider Build(string? window)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(window is null ? [] : new Dictionary<string, string?> { ["CheckIns:EditWindowWorkingDays"] = window })
            .Build();
        return new ServiceCollection().AddSalesBotConversations().AddSalesBotCheckInOptions(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    public void The_edit_window_comes_from_configuration_with_two_working_days_by_default(string? window, int expected)
    {
        using var services = Build(window);

        Assert.Equal(expected, services.GetRequiredService<CheckInPolicy>().EditWindowWorkingDays);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public void An_edit_window_out_of_range_stops_the_app_at_start_up(string window)
    {
        using var services = Build(window);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CheckInOptions>>().Value);
        Assert.Contains("EditWindowWorkingDays", ex.Message, StringComparison.Ordinal);
    }
}
