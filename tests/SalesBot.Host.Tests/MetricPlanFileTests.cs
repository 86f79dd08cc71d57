using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SalesBot.Conversations;
using SalesBot.Conversations.Metrics;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Host.Metrics;

namespace SalesBot.Host.Tests;

/// <summary>Bulk setup from the admin's plan file (<c>Metrics:PlanFile</c>), checked at start-up.</summary>
public sealed class MetricPlanFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-plan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string GoodPlan = """
        {
          // Demos are this team's own metric; the others come from the catalogue.
          "metrics": [ { "key": "demos", "name": "Demos given", "unit": "demos" } ],
          "plans": [
            { "role": "hunter", "tenure": "new", "metrics": { "calls": 20, "meetings": 2 }, "next": { "demos": 1 } },
            { "role": "hunter", "tenure": "tenured", "metrics": { "calls": 35, "meetings": 4, "demos": 2 }, "next": { "referrals": 2 } },
            { "role": "farmer", "tenure": "tenured", "metrics": { "reviews": 3 } },
          ]
        }
        """;

    [Fact]
    public void A_plan_file_becomes_the_plan_of_every_team_without_its_own()
    {
        using var services = Register(("Metrics:PlanFile", Write("plan.json", GoodPlan)));

        var plans = services.GetRequiredService<MetricPlans>();
        var plan = plans.For(new Team("t", "o", "T", "UTC"));
        var own = plans.For(new Team("t", "o", "T", "UTC") { MetricPlan = MetricPlan.Default });

        Assert.Equal(["calls:20", "meetings:2"], plan.For(MemberRole.Hunter, Tenure.New)!.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));
        Assert.Equal("Demos given", plan.For(MemberRole.Hunter, Tenure.New)!.Next!.Name);
        Assert.Equal(["calls", "meetings", "demos"], plan.For(MemberRole.Hunter, Tenure.Tenured)!.Metrics.Select(m => m.Key));
        Assert.Same(MetricPlan.Default, own);
    }

    [Fact]
    public void Without_a_file_teams_keep_the_built_in_catalogue()
    {
        using var services = Register();

        Assert.Same(MetricPlan.Default, services.GetRequiredService<MetricPlans>().For(new Team("t", "o", "T", "UTC")));
        Assert.Equal(new ProficiencyWindow(20, 16), services.GetRequiredService<ProficiencyWindow>());
    }

    [Theory]
    [InlineData("""{ "plans": [ { "role": "hunter", "tenure": "new", "metrics": { "calls": 20, "meetings": 2, "proposals": 1, "referrals": 1 } } ] }""", "give 1 to 3 metrics; 4 were given")]
    [InlineData("""{ "plans": [ { "role": "manager", "tenure": "new", "metrics": { "calls": 20 } } ] }""", "role must be hunter or farmer")]
    [InlineData("""{ "plans": [ { "role": "hunter", "tenure": "veteran", "metrics": { "calls": 20 } } ] }""", "tenure must be new or tenured")]
    [InlineData("""{ "plans": [ { "role": "hunter", "tenure": "new", "metrics": { "golf": 20 } } ] }""", "the metric 'golf' is neither in the catalogue")]
    [InlineData("""{ "plans": [ { "role": "hunter", "tenure": "new", "metrics": { "calls": 0 } } ] }""", "daily target 0")]
    [InlineData("""{ "plans": [ { "role": "hunter", "tenure": "new", "metrics": { "calls": "lots" } } ] }""", "needs a whole-number daily target")]
    [InlineData("""{ "plans": """, "is not valid JSON")]
    [InlineData("""{ "rows": [] }""", "\"plans\" is missing")]
    public void A_wrong_plan_file_stops_the_host_at_start_up_and_says_what_to_fix(string json, string expected)
    {
        using var services = Register(("Metrics:PlanFile", Write("plan.json", json)));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plan_file_and_a_window_that_cannot_be_met_are_both_named()
    {
        using var services = Register(("Metrics:PlanFile", "nowhere/plan.json"), ("Metrics:ProficiencyRequired", "30"));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Contains("there is no file at", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Metrics:ProficiencyRequired is 30", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private ServiceProvider Register(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = _folder });
        services.AddSalesBotConversations();
        services.AddSalesBotMetrics(configuration);
        return services.BuildServiceProvider();
    }
}
