using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>Points the framework's JwtBearer handler at the gateway's own token rules.</summary>
internal sealed class ConfigureJwtBearer(JwtSigningKey signingKey) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        options.TokenValidationParameters = AccessTokenValidation.CreateParameters(signingKey.Key);
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.Events = new TracheaBearerEvents();
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
