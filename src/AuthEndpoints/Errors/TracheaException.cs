namespace Trachea.AuthEndpoints.Errors;

/// <summary>
/// A typed failure carrying one of <see cref="ErrorCodes"/>. Services and stores throw it; one
/// exception handler turns it into problem details. The detail must never contain a secret.
/// </summary>
internal sealed class TracheaException : Exception
{
    public TracheaException(ErrorCode error, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null, Exception? inner = null)
        : base(detail ?? error.Title, inner)
    {
        Error = error;
        Errors = errors;
    }

    public ErrorCode Error { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>For RATE_LIMITED: how long the client should wait, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For INVALID_CLIENT: the challenge sent as <c>WWW-Authenticate</c>.</summary>
    public string? Challenge { get; init; }

    public static TracheaException Validation(string field, string message) =>
        new(ErrorCodes.ValidationError, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });
}
