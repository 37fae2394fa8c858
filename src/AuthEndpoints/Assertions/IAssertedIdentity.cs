namespace Trachea.AuthEndpoints.Assertions;

/// <summary>The validated access token an assertion speaks for: its identity claims and its <c>exp</c>.</summary>
internal interface IAssertedIdentity
{
    /// <summary>The token's value of an identity claim; null when it has none.</summary>
    string? Claim(string type);

    DateTimeOffset ExpiresAt { get; }
}
