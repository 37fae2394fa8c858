using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The user and session ids of a cached token in as few bytes as they allow. The gateway's own ids are lowercase
/// hex (24 digits for a user, 32 for a session), kept as their 12 and 16 bytes inside the identity rather than as
/// strings of 70–90 bytes each; an id in any other form is kept as it is, in an object that tokens with the
/// gateway's ids do not have. The exact text comes back: a new string, or written into a caller's buffer.
/// </summary>
internal readonly struct CompactIds
{
    /// <summary>The most characters an id kept as bytes is written as.</summary>
    public const int MaxFormatted = SessionIdBytes * 2;

    private const int UserIdBytes = 12;
    private const int SessionIdBytes = 16;

    // The user id's bytes, then the session id's; a length of 0 means the id is not kept as bytes.
    private readonly IdBytes _bytes;
    private readonly byte _userIdLength;
    private readonly byte _sessionIdLength;
    private readonly Texts? _texts;

    public CompactIds(string? userId, string? sessionId)
    {
        _userIdLength = Pack(userId, ((Span<byte>)_bytes)[..UserIdBytes]);
        _sessionIdLength = Pack(sessionId, ((Span<byte>)_bytes)[UserIdBytes..]);
        var userIdText = _userIdLength == 0 ? userId : null;
        var sessionIdText = _sessionIdLength == 0 ? sessionId : null;
        _texts = userIdText is null && sessionIdText is null ? null : new Texts(userIdText, sessionIdText);
    }

    /// <summary>The user id as the token carried it; null when it had none.</summary>
    public string? UserId => _userIdLength > 0 ? Convert.ToHexStringLower(UserIdSpan) : _texts?.UserId;

    /// <summary>The session id as the token carried it; null when it had none.</summary>
    public string? SessionId => _sessionIdLength > 0 ? Convert.ToHexStringLower(SessionIdSpan) : _texts?.SessionId;

    [UnscopedRef]
    private ReadOnlySpan<byte> UserIdSpan => ((ReadOnlySpan<byte>)_bytes)[.._userIdLength];

    [UnscopedRef]
    private ReadOnlySpan<byte> SessionIdSpan => ((ReadOnlySpan<byte>)_bytes).Slice(UserIdBytes, _sessionIdLength);

    /// <summary><see cref="UserId"/> without a new string: written into <paramref name="buffer"/> (<see cref="MaxFormatted"/> characters) when kept as bytes; empty when absent.</summary>
    public ReadOnlySpan<char> FormatUserId(Span<char> buffer) => Format(UserIdSpan, _texts?.UserId, buffer);

    /// <summary><see cref="SessionId"/> without a new string, as <see cref="FormatUserId"/>.</summary>
    public ReadOnlySpan<char> FormatSessionId(Span<char> buffer) => Format(SessionIdSpan, _texts?.SessionId, buffer);

    private static ReadOnlySpan<char> Format(scoped ReadOnlySpan<byte> bytes, string? text, Span<char> buffer) =>
        bytes.IsEmpty ? text.AsSpan()
        : Convert.TryToHexStringLower(bytes, buffer, out var written) ? buffer[..written]
        : throw new ArgumentException($"An id takes up to {MaxFormatted} characters.", nameof(buffer));

    /// <returns>The id's length in bytes, written into <paramref name="destination"/>; 0 when it is kept as text.</returns>
    private static byte Pack(string? id, Span<byte> destination)
    {
        if (id is not { Length: > 0 } || id.Length > destination.Length * 2 || id.Length % 2 != 0 || !id.All(char.IsAsciiHexDigitLower))
        {
            return 0;
        }

        Convert.FromHexString(id, destination, out _, out var written);
        return (byte)written;
    }

    private sealed record Texts(string? UserId, string? SessionId);

    [InlineArray(UserIdBytes + SessionIdBytes)]
    private struct IdBytes
    {
        private byte _first;
    }
}
