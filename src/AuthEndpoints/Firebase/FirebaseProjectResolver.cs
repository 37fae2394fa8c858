using System.Text.Json;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Finds the Firebase project: <see cref="TracheaOptions.FirebaseProjectId"/>, else <c>project_id</c> from the
/// service-account file named by <see cref="TracheaOptions.FirebaseCredentials"/>; neither set disables Firebase.
/// </summary>
internal static class FirebaseProjectResolver
{
    private const string ProjectIdSetting = "TRACHEA_FIREBASE_PROJECT_ID";
    private const string CredentialsSetting = "TRACHEA_FIREBASE_CREDENTIALS";

    public static FirebaseProject Resolve(TracheaOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.FirebaseProjectId))
        {
            return FromProjectId(options.FirebaseProjectId.Trim(), ProjectIdSetting);
        }

        if (!string.IsNullOrWhiteSpace(options.FirebaseCredentials))
        {
            return FromCredentialsFile(options.FirebaseCredentials.Trim());
        }

        return FirebaseProject.Disabled;
    }

    private static FirebaseProject FromCredentialsFile(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Problem($"{CredentialsSetting}: file '{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Problem($"{CredentialsSetting}: file '{path}' cannot be read ({e.GetType().Name}).");
        }

        // The file holds a private key: problems name the file and a line, never its content.
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("project_id", out var projectId)
                && projectId.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(projectId.GetString()))
            {
                return FromProjectId(projectId.GetString()!.Trim(), $"{CredentialsSetting}: project_id in '{path}'");
            }

            return Problem($"{CredentialsSetting}: file '{path}' has no project_id.");
        }
        catch (JsonException e)
        {
            return Problem($"{CredentialsSetting}: file '{path}' is not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
        }
    }

    private static FirebaseProject FromProjectId(string projectId, string source) =>
        projectId.Any(c => char.IsWhiteSpace(c) || c == '/')
            ? Problem($"{source}: '{projectId}' is not a Firebase project id.")
            : new FirebaseProject(projectId, []);

    private static FirebaseProject Problem(string problem) => new(null, [problem]);
}
