using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The first validation of a token on a proxied route: the framework's <see cref="JsonWebTokenHandler"/> with the
/// gateway's one definition of a valid token (<see cref="AccessTokenValidation"/>), parameters built once, and
/// no authentication ticket or claims principal built. A token it refuses goes to the JwtBearer scheme, which
/// refuses it the same way and writes the challenge.
/// </summary>
internal sealed class ProxyTokenValidator(JwtSigningKey signingKey)
{
    private const string Scheme = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters = AccessTokenValidation.CreateParameters(signingKey.Key);

    /// <returns>The identity of a valid token in an <c>Authorization: Bearer</c> value; null for anything else.</returns>
    public async ValueTask<GatewayIdentity?> ValidateAsync(string authorization)
    {
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(authorization[Scheme.Length..].Trim(), _parameters);
        return result.IsValid && result.SecurityToken is JsonWebToken token ? GatewayIdentity.From(token) : null;
    }
}
