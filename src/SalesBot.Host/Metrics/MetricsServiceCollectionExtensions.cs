using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Metrics;
using SalesBot.Core.Metrics;

namespace SalesBot.Host.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The admin's plan file and proficiency window, checked at start-up; without a file, the built-in catalogue.</summary>
    public static IServiceCollection AddSalesBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MetricsOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.PlanFile)
                ? ConfiguredMetricPlan.BuiltIn
                : new ConfiguredMetricPlan(MetricPlanFile.Read(MetricsOptionsValidator.FullPath(options.PlanFile, sp.GetRequiredService<IHostEnvironment>())).Plan
                                           ?? throw new InvalidOperationException("The metric plan file was valid at start-up and is not now."));
        }));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MetricsOptions>>().Value;
            return new ProficiencyWindow(options.ProficiencyDays, options.ProficiencyRequired);
        }));
        return services;
    }
}

/// <summary>A plan file that is missing or wrong stops the Host at start-up, naming every problem.</summary>
public sealed class MetricsOptionsValidator(IHostEnvironment environment) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.ProficiencyDays is < 5 or > 120)
        {
            problems.Add($"Metrics:ProficiencyDays is {options.ProficiencyDays}; use 5 to 120 working days.");
        }

        if (options.ProficiencyRequired < 1 || options.ProficiencyRequired > options.ProficiencyDays)
        {
            problems.Add($"Metrics:ProficiencyRequired is {options.ProficiencyRequired}; use 1 to Metrics:ProficiencyDays ({options.ProficiencyDays}).");
        }

        if (!string.IsNullOrWhiteSpace(options.PlanFile))
        {
            problems.AddRange(MetricPlanFile.Read(FullPath(options.PlanFile, environment)).Problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static string FullPath(string path, IHostEnvironment environment) =>
        Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
}
