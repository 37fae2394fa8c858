using Microsoft.IdentityModel.Tokens;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>A well-signed, unexpired access token that the revocation feed has ended (TOKEN_REVOKED).</summary>
internal sealed class SecurityTokenRevokedException : SecurityTokenValidationException
{
    public SecurityTokenRevokedException()
        : base("The token has been revoked.")
    {
    }

    public SecurityTokenRevokedException(string message)
        : base(message)
    {
    }

    public SecurityTokenRevokedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
