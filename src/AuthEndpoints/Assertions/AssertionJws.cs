using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The compact JWS of an assertion (docs/assertion.md): the signer's header, the claims payload and the signature.
/// The payload is written the same way every time from the same identity, audience, times and <c>jti</c>, which
/// is what lets an <see cref="AssertionSignature"/> keep the signature alone and be rendered again on each request.
/// </summary>
internal static class AssertionJws
{
    // The identity claims an assertion carries, in the order it writes them, when the access token has them; the
    // names encoded once, so that writing them is a copy.
    private static readonly (string Type, JsonEncodedText Name)[] AssertedClaims = Encoded(
        TokenClaims.Subject, TokenClaims.AppId, TokenClaims.Role, TokenClaims.Plan, TokenClaims.Provider,
        TokenClaims.SessionId, TokenClaims.Email, TokenClaims.Username);

    private static readonly JsonEncodedText IssuerName = JsonEncodedText.Encode("iss");
    private static readonly JsonEncodedText AudienceName = JsonEncodedText.Encode(TokenClaims.Audience);
    private static readonly JsonEncodedText TokenIdName = JsonEncodedText.Encode(TokenClaims.TokenId);
    private static readonly JsonEncodedText IssuedAtName = JsonEncodedText.Encode("iat");
    private static readonly JsonEncodedText NotBeforeName = JsonEncodedText.Encode("nbf");
    private static readonly JsonEncodedText ExpiresName = JsonEncodedText.Encode(TokenClaims.Expires);

    private static readonly int EncodedSignatureLength = Base64Url.GetEncodedLength(AssertionSignature.Length);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_payload;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Signs a new assertion for <paramref name="identity"/>, to be replaced from <paramref name="renewAt"/> on.</summary>
    public static AssertionSignature Sign(
        IAssertedIdentity identity, string issuer, string audience, long issuedAt, long expires, long renewAt, UInt128 tokenId, AssertionSigner signer)
    {
        var payload = Payload(identity, issuer, audience, issuedAt, expires, tokenId);
        var header = signer.EncodedHeader;
        var inputLength = header.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var rented = ArrayPool<byte>.Shared.Rent(inputLength);
        try
        {
            var input = rented.AsSpan(0, inputLength);
            Encoding.ASCII.GetBytes(header, input);
            input[header.Length] = (byte)'.';
            Base64Url.EncodeToUtf8(payload, input[(header.Length + 1)..]);
            Span<byte> signature = stackalloc byte[AssertionSignature.Length];
            signer.Sign(input, signature);
            return new AssertionSignature(signer, issuedAt, expires, renewAt, tokenId, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The text of the assertion <see cref="Sign"/> signed for <paramref name="identity"/> and <paramref name="audience"/>.</summary>
    public static string Render(in AssertionSignature signature, IAssertedIdentity identity, string issuer, string audience)
    {
        var payload = Payload(identity, issuer, audience, signature.IssuedAt, signature.Expires, signature.TokenId);
        var header = signature.Signer.EncodedHeader;
        var encodedPayloadLength = Base64Url.GetEncodedLength(payload.Length);
        var length = header.Length + 1 + encodedPayloadLength + 1 + EncodedSignatureLength;
        var rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var text = rented.AsSpan(0, length);
            header.CopyTo(text);
            var at = header.Length;
            text[at++] = '.';
            at += Base64Url.EncodeToChars(payload, text[at..]);
            text[at++] = '.';
            Base64Url.EncodeToChars(signature.Bytes, text[at..]);
            return new string(text);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    // The claims as UTF-8 JSON, in a buffer of this thread that the next call overwrites.
    private static ReadOnlySpan<byte> Payload(IAssertedIdentity identity, string issuer, string audience, long issuedAt, long expires, UInt128 tokenId)
    {
        var buffer = t_payload ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString(IssuerName, issuer);
        writer.WriteString(AudienceName, audience);
        Span<char> formatted = stackalloc char[IAssertedIdentity.MaxFormattedClaim];
        foreach (var (type, name) in AssertedClaims)
        {
            if (identity.Claim(type, formatted) is { IsEmpty: false } value)
            {
                writer.WriteString(name, value);
            }
        }

        // 32 hex digits from the 16 bytes: integer formatting with a hex format string takes its slow path.
        Span<byte> idBytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(idBytes, tokenId);
        Span<char> id = stackalloc char[32];
        Convert.TryToHexStringLower(idBytes, id, out _);
        writer.WriteString(TokenIdName, id);
        writer.WriteNumber(IssuedAtName, issuedAt);
        writer.WriteNumber(NotBeforeName, issuedAt);
        writer.WriteNumber(ExpiresName, expires);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static (string Type, JsonEncodedText Name)[] Encoded(params string[] types) =>
        [.. types.Select(type => (type, JsonEncodedText.Encode(type)))];
}
