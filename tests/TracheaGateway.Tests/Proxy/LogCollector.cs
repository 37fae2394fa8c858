using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Trachea.Tests.Proxy;

/// <summary>Keeps every log event of a test host, so tests can wait for one (a configuration reload, a rejection).</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    /// <summary>Waits (bounded) for an event with this id logged after <paramref name="after"/> events.</summary>
    public async Task<LogEvent> WaitForAsync(int eventId, int after = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_events.Skip(after).FirstOrDefault(e => e.EventId == eventId) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no log event {eventId} within the time limit");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
    }

    public sealed record LogEvent(string Category, int EventId, LogLevel Level, string Message);

    private sealed class Logger(string category, ConcurrentQueue<LogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                events.Enqueue(new LogEvent(category, eventId.Id, logLevel, formatter(state, exception)));
            }
        }
    }
}
