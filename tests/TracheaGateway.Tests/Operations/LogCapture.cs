using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Trachea.Tests.Operations;

/// <summary>A logger provider that keeps every entry: its message, its structured values, its scopes and its exception.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

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
