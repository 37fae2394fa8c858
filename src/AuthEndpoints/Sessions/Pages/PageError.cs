using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Sessions.Pages;

/// <summary>A refusal shown on a page, in the words and with the status the JSON API would give.</summary>
internal sealed record PageError(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Fields)
{
    public static PageError From(TracheaException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(failure.Error.Status, failure.Error.Title, failure.Message, failure.Errors);
    }

    public static PageError Of(ErrorCode error, string detail) => new(error.Status, error.Title, detail, null);
}
