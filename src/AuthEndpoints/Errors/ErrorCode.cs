namespace Trachea.AuthEndpoints.Errors;

/// <summary>One entry of the gateway's error vocabulary: the code clients switch on, its HTTP status and a title.</summary>
internal sealed record ErrorCode(string Code, int Status, string Title);
