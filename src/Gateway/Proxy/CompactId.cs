using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// An id claim of a cached token in as few bytes as it allows. The gateway's own ids are lowercase hex (24 digits
/// for a user, 32 for a session), kept as their bytes inside the identity rather than as strings of 70–90 bytes
/// each; any other value is kept as it is. <see cref="Value"/> gives the exact text back (a new string for hex).
/// </summary>
internal readonly struct CompactId
{
    private const int MaxBytes = 16;

    private readonly string? _text;
    private readonly HexBytes _bytes;
    private readonly byte _length;

    private CompactId(string? text, ReadOnlySpan<byte> bytes)
    {
        _text = text;
        bytes.CopyTo(_bytes);
        _length = (byte)bytes.Length;
    }

    /// <summary>The id as the token carried it; null when it had none.</summary>
    public string? Value => _length > 0 ? Convert.ToHexStringLower(Bytes) : _text;

    [UnscopedRef]
    private ReadOnlySpan<byte> Bytes => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>The same text without a new string: written into <paramref name="buffer"/> (32 characters) when kept as bytes; empty when absent.</summary>
    public ReadOnlySpan<char> Format(Span<char> buffer) =>
        _length == 0 ? _text.AsSpan()
        : Convert.TryToHexStringLower(Bytes, buffer, out var written) ? buffer[..written]
        : throw new ArgumentException($"An id takes up to {MaxBytes * 2} characters.", nameof(buffer));

    public static CompactId From(string? value)
    {
        if (value is not { Length: > 0 and <= MaxBytes * 2 } || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigitLower))
        {
            return new CompactId(value, []);
        }

        Span<byte> bytes = stackalloc byte[value.Length / 2];
        Convert.FromHexString(value, bytes, out _, out _);
        return new CompactId(null, bytes);
    }

    [InlineArray(MaxBytes)]
    private struct HexBytes
    {
        private byte _first;
    }
}
