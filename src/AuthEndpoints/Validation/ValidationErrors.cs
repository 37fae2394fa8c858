using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Validation;

/// <summary>Collects every problem of a request body, then fails once with VALIDATION_ERROR listing them.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new TracheaException(
                ErrorCodes.ValidationError,
                "One or more fields are invalid.",
                _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
