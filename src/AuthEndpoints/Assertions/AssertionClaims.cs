namespace Trachea.AuthEndpoints.Assertions;

/// <summary>The assertion's name on the wire and in its JOSE header (docs/assertion.md).</summary>
internal static class AssertionClaims
{
    public const string Header = "X-Trachea-Jwt-Assertion";
    public const string TokenType = "trachea-assertion+jwt";
}
