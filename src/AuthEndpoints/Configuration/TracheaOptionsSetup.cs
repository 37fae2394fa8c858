using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// Development-only defaults: the default app is <c>demo</c>, and a random JWT secret is generated once
/// and kept in the data dir so tokens survive a restart. Outside Development nothing is filled in.
/// </summary>
internal sealed class TracheaOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<TracheaOptions>
{
    internal const string DevelopmentAppId = "demo";
    internal const string DevelopmentSecretFile = "dev-jwt-secret";

    public void PostConfigure(string? name, TracheaOptions options)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        options.AppId ??= DevelopmentAppId;
        if (string.IsNullOrEmpty(options.JwtSecret))
        {
            options.JwtSecret = ReadOrCreateDevelopmentSecret(options.DataDir);
        }
    }

    private static string ReadOrCreateDevelopmentSecret(string dataDir)
    {
        var path = Path.Combine(dataDir, DevelopmentSecretFile);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDir);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
