namespace Trachea.AuthEndpoints.Assertions;

/// <summary>The validated access token an assertion speaks for: its identity claims and its <c>exp</c>.</summary>
internal interface IAssertedIdentity
{
    /// <summary>The most characters <see cref="Claim"/> writes into its buffer.</summary>
    const int MaxFormattedClaim = 32;

    /// <summary>
    /// The token's value of an identity claim, without a new string: the text it keeps, or written into
    /// <paramref name="buffer"/> (<see cref="MaxFormattedClaim"/> characters) when it keeps the value in another
    /// form; empty when it has none.
    /// </summary>
    ReadOnlySpan<char> Claim(string type, Span<char> buffer);

    DateTimeOffset ExpiresAt { get; }
}
