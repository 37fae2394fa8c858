namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// One key of the assertion key ring (docs/assertion.md): <see cref="PublicJwk"/> is the JSON of its public JWK,
/// <see cref="PrivateKey"/> the private key as SigningKeyProtector encrypted it. It is published from
/// <see cref="CreatedAt"/>, may sign from <see cref="SignsFrom"/>, and stops signing at <see cref="RetiredAt"/>.
/// </summary>
internal sealed record SigningKeyRecord(
    string Kid,
    string PublicJwk,
    string PrivateKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset SignsFrom,
    DateTimeOffset? RetiredAt = null);
