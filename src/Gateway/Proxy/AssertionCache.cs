using System.Runtime.CompilerServices;
using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The signed assertions of each validated token, one per audience, so a token's requests share one signature
/// until its renewal time (docs/assertion.md, "Reuse"). They are kept on the token's <see cref="GatewayIdentity"/>
/// in compact form and collected with it, which bounds them by the validated tokens this instance keeps: the
/// first audience's in the identity itself (no object of its own), the others in a list, newest first, at most
/// <see cref="AudiencesPerToken"/> in all. A renewal signs the same assertion again in place.
/// </summary>
internal static class AssertionCache
{
    public const int AudiencesPerToken = 4;

    /// <returns>True with the token's assertion for <paramref name="audience"/>; false before its first.</returns>
    public static bool TryFind(GatewayIdentity identity, string audience, out AssertionSignature signature)
    {
        ref var slot = ref Holding(identity, audience);
        if (Unsafe.IsNullRef(ref slot))
        {
            signature = default;
            return false;
        }

        return slot.TryRead(audience, out signature);
    }

    /// <summary>Keeps <paramref name="signature"/> as the token's assertion for <paramref name="audience"/>.</summary>
    public static void Keep(GatewayIdentity identity, string audience, in AssertionSignature signature)
    {
        ref var slot = ref Holding(identity, audience);
        if (!Unsafe.IsNullRef(ref slot))
        {
            slot.Write(audience, signature);
            return;
        }

        if (identity.FirstAssertion.IsEmpty)
        {
            // Two requests that claim the empty slot for two audiences at once both write it and the later one
            // stays: the other's assertion is signed again on its next request, and then kept in the list.
            identity.FirstAssertion.Write(audience, signature);
            return;
        }

        // Readers walk the list as they find it; a writer adds in front and cuts what is past the limit. Two
        // requests that add the same audience at once both succeed, and the later head wins: either assertion is
        // valid, and one dropped only means another signature later.
        var added = new AudienceAssertion(identity.MoreAssertions);
        added.Slot.Write(audience, signature);
        var kept = 2;
        for (var assertion = added; assertion is not null; assertion = assertion.Next, kept++)
        {
            if (kept == AudiencesPerToken)
            {
                assertion.Truncate();
            }
        }

        identity.MoreAssertions = added;
    }

    // The slot that holds the token's assertion for audience, in the identity or in its list; a null reference when none does.
    private static ref AssertionSlot Holding(GatewayIdentity identity, string audience)
    {
        if (identity.FirstAssertion.Holds(audience))
        {
            return ref identity.FirstAssertion;
        }

        for (var assertion = identity.MoreAssertions; assertion is not null; assertion = assertion.Next)
        {
            if (assertion.Slot.Holds(audience))
            {
                return ref assertion.Slot;
            }
        }

        return ref Unsafe.NullRef<AssertionSlot>();
    }
}
