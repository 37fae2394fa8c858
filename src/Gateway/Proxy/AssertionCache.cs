using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The signed assertions of each validated token, per audience, so a token's requests share one signature while
/// more than a fifth of its lifetime remains (docs/assertion.md, "Reuse"). Entries hang off the token's
/// <see cref="GatewayIdentity"/> and are collected with it, which bounds the cache by the validated tokens this
/// instance keeps; each token keeps at most <see cref="AudiencesPerToken"/> audiences. An entry signed by a key
/// that no longer signs is not answered, so a rotation or retirement takes effect at once.
/// </summary>
internal sealed class AssertionCache
{
    public const int AudiencesPerToken = 4;

    private readonly ConditionalWeakTable<GatewayIdentity, Slot> _tokens = [];

    public bool TryGet(GatewayIdentity identity, string audience, AssertionSigner signer, DateTimeOffset now, [NotNullWhen(true)] out string? assertion)
    {
        if (_tokens.TryGetValue(identity, out var slot))
        {
            foreach (var entry in slot.Entries)
            {
                if (entry.Assertion.Signer == signer && now < entry.Assertion.RenewAt && string.Equals(entry.Audience, audience, StringComparison.Ordinal))
                {
                    assertion = entry.Assertion.Value;
                    return true;
                }
            }
        }

        assertion = null;
        return false;
    }

    public void Add(GatewayIdentity identity, string audience, SignedAssertion assertion)
    {
        var slot = _tokens.GetValue(identity, static _ => new Slot());
        lock (slot)
        {
            var others = slot.Entries.Where(entry => !string.Equals(entry.Audience, audience, StringComparison.Ordinal)).Take(AudiencesPerToken - 1);
            slot.Entries = [new Entry(audience, assertion), .. others];
        }
    }

    private sealed record Entry(string Audience, SignedAssertion Assertion);

    // Readers take the array as it is; writers replace it whole under the slot's lock.
    private sealed class Slot
    {
        private volatile Entry[] _entries = [];

        public Entry[] Entries
        {
            get => _entries;
            set => _entries = value;
        }
    }
}
