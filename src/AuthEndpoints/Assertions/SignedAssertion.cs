namespace Trachea.AuthEndpoints.Assertions;

/// <summary>One signed assertion: the compact JWS, the key that signed it, and when a fresh one should replace it.</summary>
internal sealed record SignedAssertion(string Value, AssertionSigner Signer, DateTimeOffset RenewAt);
