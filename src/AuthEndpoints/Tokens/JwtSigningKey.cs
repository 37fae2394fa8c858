using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>The HS256 key, built once from TRACHEA_JWT_SECRET.</summary>
internal sealed class JwtSigningKey(IOptions<TracheaOptions> options)
{
    public SymmetricSecurityKey Key { get; } = new(Encoding.UTF8.GetBytes(options.Value.JwtSecret!));

    public SigningCredentials Credentials => new(Key, SecurityAlgorithms.HmacSha256);
}
