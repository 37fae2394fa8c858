using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The ring as last read from the store (docs/assertion.md, "Keys"). Which key signs and which are published is
/// decided at the moment of asking, so a rotated key starts signing at its <c>signs_from</c> without waiting for
/// the next read: the newest key whose <c>signs_from</c> has come; when none has (the only other key was retired),
/// the earliest pending one, which is already published. A key is published from its creation until
/// <see cref="PublishedAfterRetirement"/> after its retirement: its last assertions have expired by then, even if
/// an instance read the retirement one poll late.
/// </summary>
internal sealed class KeyRing(IReadOnlyList<(PublicJwk Jwk, DateTimeOffset? RetiredAt)> publicKeys, IReadOnlyList<AssertionSigner> signers)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan PublishedAfterRetirement = TimeSpan.FromSeconds(AssertionSettings.MaxTtlSeconds) + PollInterval;

    public static KeyRing Empty { get; } = new([], []);

    /// <returns>The key that signs at <paramref name="now"/>; null when no key can.</returns>
    public AssertionSigner? SignerAt(DateTimeOffset now)
    {
        AssertionSigner? current = null;
        AssertionSigner? earliestPending = null;
        foreach (var signer in signers)
        {
            if (signer.SignsFrom <= now)
            {
                if (current is null || signer.SignsFrom >= current.SignsFrom)
                {
                    current = signer;
                }
            }
            else if (earliestPending is null || signer.SignsFrom < earliestPending.SignsFrom)
            {
                earliestPending = signer;
            }
        }

        return current ?? earliestPending;
    }

    /// <returns>The public keys a verifier needs at <paramref name="now"/>.</returns>
    public IEnumerable<PublicJwk> PublishedAt(DateTimeOffset now) =>
        publicKeys.Where(key => IsPublished(key.RetiredAt, now)).Select(key => key.Jwk);

    public static bool IsPublished(DateTimeOffset? retiredAt, DateTimeOffset now) =>
        retiredAt is not { } retired || now < retired + PublishedAfterRetirement;
}
