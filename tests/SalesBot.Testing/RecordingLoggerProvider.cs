using Microsoft.Extensions.Logging;

namespace SalesBot.Testing;

/// <summary>Captures every log entry of a host (category, level, event id, message), to assert on the lines a fault leaves.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Entries at <paramref name="level"/> or above logged after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<LogEntry> Since(int skip, LogLevel level = LogLevel.Warning) =>
        Entries.Skip(skip).Where(e => e.Level >= level).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private sealed class Logger(string category, RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message}";
}
