using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Testing;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// A busy bot's log stays readable (issue 12): a normal turn writes at most one Information line, at the
/// Host's own log levels (appsettings.json), its reply through the connector included.
/// </summary>
public sealed class TurnLoggingTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await TeamsBot.StartHostAsync(testServices: services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("help")]
    [InlineData("calls 32, meetings 4, proposals 1")]
    [InlineData("status me")]
    public async Task A_turn_and_its_reply_write_at_most_one_information_line(string text)
    {
        await _bot.PostAsync(_bot.Activities.PersonalMessage("hi"));
        var before = _logs.Entries.Count;

        var answer = await _bot.PostAsync(_bot.Activities.PersonalMessage(text));

        answer.EnsureSuccessStatusCode();
        Assert.NotEmpty(_bot.Connector.Calls);
        var lines = _logs.Since(before, LogLevel.Information);
        Assert.True(lines.Count <= 1, $"{lines.Count} lines: " + string.Join(" | ", lines.Select(l => $"{l.Category} {l.Level}: {l.Message}")));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Warning);
    }
}
