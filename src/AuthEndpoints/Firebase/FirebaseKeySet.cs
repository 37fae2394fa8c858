using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>One fetched copy of Google's signing keys, by <c>kid</c>, and when it stops being fresh.</summary>
internal sealed class FirebaseKeySet
{
    private readonly FrozenDictionary<string, SecurityKey> _keys;

    private FirebaseKeySet(FrozenDictionary<string, SecurityKey> keys, DateTimeOffset expiresAt)
    {
        _keys = keys;
        ExpiresAt = expiresAt;
    }

    public DateTimeOffset ExpiresAt { get; }

    public int Count => _keys.Count;

    public SecurityKey? Find(string kid) => _keys.GetValueOrDefault(kid);

    /// <summary>Keeps only RSA signing keys with a <c>kid</c>; throws IDENTITY_PROVIDER_UNAVAILABLE when none is left.</summary>
    public static FirebaseKeySet Parse(string json, DateTimeOffset expiresAt)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException e)
        {
            throw FirebaseErrors.KeysUnavailable("the key set is not a valid JWK set", e);
        }

        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys.Where(IsRsaSigningKey))
        {
            keys.TryAdd(key.Kid, key);
        }

        return keys.Count == 0
            ? throw FirebaseErrors.KeysUnavailable("the key set holds no RSA signing key")
            : new FirebaseKeySet(keys.ToFrozenDictionary(StringComparer.Ordinal), expiresAt);
    }

    private static bool IsRsaSigningKey(JsonWebKey key) =>
        key.Kty == JsonWebAlgorithmsKeyTypes.RSA
        && !string.IsNullOrEmpty(key.Kid)
        && !string.IsNullOrEmpty(key.N)
        && !string.IsNullOrEmpty(key.E)
        && (string.IsNullOrEmpty(key.Use) || key.Use == JsonWebKeyUseNames.Sig)
        && (string.IsNullOrEmpty(key.Alg) || key.Alg == SecurityAlgorithms.RsaSha256);
}
