using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// One decrypted ring key that may sign: its kid, the ES256 key and the encoded JOSE header every assertion it
/// signs starts with. One instance per kid, kept across reloads.
/// </summary>
internal sealed class AssertionSigner(string kid, DateTimeOffset signsFrom, ECDsa key)
{
    // The runtime does not promise that one key object signs safely on several threads at once.
    private readonly Lock _signing = new();

    public string Kid { get; } = kid;

    public DateTimeOffset SignsFrom { get; } = signsFrom;

    /// <summary>The base64url JOSE header: <c>{"alg":"ES256","kid":…,"typ":"trachea-assertion+jwt"}</c>.</summary>
    public string EncodedHeader { get; } = EncodeHeader(kid);

    /// <summary>Signs <paramref name="signingInput"/> with ES256 into <paramref name="signature"/> (64 bytes, r ‖ s).</summary>
    public void Sign(ReadOnlySpan<byte> signingInput, Span<byte> signature)
    {
        lock (_signing)
        {
            if (!key.TrySignData(signingInput, signature, HashAlgorithmName.SHA256, out var written) || written != AssertionSignature.Length)
            {
                throw new CryptographicException("The assertion key did not produce an ES256 signature.");
            }
        }
    }

    private static string EncodeHeader(string kid)
    {
        var header = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", "ES256");
            writer.WriteString("kid", kid);
            writer.WriteString("typ", AssertionClaims.TokenType);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(header.WrittenSpan);
    }
}
