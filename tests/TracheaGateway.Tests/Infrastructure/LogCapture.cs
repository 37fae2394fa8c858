using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Trachea.Tests.Infrastructure;

/// <summary>The tests' one log capture: a logger provider that keeps every entry (message, structured values, scopes, exception).</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Waits (bounded) for an entry with this event id logged after the first <paramref name="after"/> entries.</summary>
    public async Task<LogEntry> WaitForAsync(int eventId, int after = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_entries.Skip(after).FirstOrDefault(e => e.EventId == eventId) is { } found)
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

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString())
                : [];
            var scopes = new List<string>();
            capture._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            capture._entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), values, scopes, exception?.ToString()));
        }
    }
}

public sealed record LogEntry(
    string Category,
    LogLevel Level,
    int EventId,
    string Message,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyList<string> Scopes,
    string? Exception)
{
    /// <summary>Everything of the entry that could reach a log sink, as one text to search.</summary>
    public string AllText => string.Join('\n', [Message, .. Values.Values, .. Scopes, Exception]);
}
