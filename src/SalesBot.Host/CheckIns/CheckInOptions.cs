using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Flows;
using SalesBot.Core.CheckIns;

namespace SalesBot.Host.CheckIns;

/// <summary>Configuration section <c>CheckIns</c>.</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIns";

    /// <summary>Working days before the current report day a rep may still correct (time away and holidays don't count).</summary>
    [Range(0, CheckInEditWindow.MaxWorkingDays)]
    public int EditWindowWorkingDays { get; set; } = 2;
}

public static class CheckInOptionsExtensions
{
    public static IServiceCollection AddSalesBotCheckInOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CheckInOptions>().Bind(configuration.GetSection(CheckInOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Registered after AddSalesBotConversations' default, so this one is used; built from the validated options.
        services.AddSingleton(sp => new CheckInPolicy { EditWindowWorkingDays = sp.GetRequiredService<IOptions<CheckInOptions>>().Value.EditWindowWorkingDays });
        return services;
    }
}
