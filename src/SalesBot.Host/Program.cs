using SalesBot.Channels.Slack;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Conversations;
using SalesBot.Host;
using SalesBot.Host.Admin;
using SalesBot.Host.Charts;
using SalesBot.Host.CheckIns;
using SalesBot.Host.Demo;
using SalesBot.Host.Http;
using SalesBot.Host.Metrics;
using SalesBot.Host.Playground;
using SalesBot.Host.Roster;
using SalesBot.Scheduling;
using SalesBot.Host.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotLogging();
builder.AddSalesBotHostLimits();
builder.Services.AddSalesBotConversations();
builder.Services.AddSalesBotCheckInOptions(builder.Configuration);
builder.Services.AddSalesBotMetrics(builder.Configuration);
builder.Services.AddSalesBotStorage(builder.Configuration);
builder.Services.AddSalesBotScheduling(builder.Configuration);
builder.Services.AddSalesBotDemo(builder.Configuration);
builder.Services.AddSalesBotRoster(builder.Configuration);
builder.Services.AddSalesBotPlayground(builder.Configuration, builder.Environment);
builder.Services.AddSalesBotTeams(builder.Configuration);
builder.Services.AddSalesBotSlack(builder.Configuration);
builder.Services.AddSalesBotHealth();
builder.Services.AddSalesBotAdmin(builder.Configuration);
builder.Services.AddSalesBotCharts(builder.Configuration);

var app = builder.Build();

app.UseSalesBotErrors();
app.UseSalesBotHostLimits();
app.MapSalesBotHealth();
app.MapSalesBotPlayground();
app.MapSalesBotTeams();
app.MapSalesBotSlack();
app.MapSalesBotAdmin();
app.MapSalesBotCharts();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
