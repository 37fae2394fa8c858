namespace Trachea.Gateway.Proxy;

/// <summary>
/// A token's assertion for an audience after its first, and the link to the next one: a token's further
/// assertions are a short list, newest first, with no array to hold it (<see cref="AssertionCache"/>).
/// </summary>
internal sealed class AudienceAssertion(AudienceAssertion? next)
{
    private AssertionSlot _slot;

    private volatile AudienceAssertion? _next = next;

    public ref AssertionSlot Slot => ref _slot;

    /// <summary>The token's assertion for another audience, added before this one; null at the end of the list.</summary>
    public AudienceAssertion? Next => _next;

    /// <summary>Ends the list here: the assertions after this one are dropped.</summary>
    public void Truncate() => _next = null;
}
