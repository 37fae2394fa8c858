namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Which Firebase project tokens must come from. A null <see cref="ProjectId"/> means Firebase
/// sign-in is disabled; <see cref="Problems"/> holds one start-up configuration error per line.
/// </summary>
internal sealed record FirebaseProject(string? ProjectId, IReadOnlyList<string> Problems)
{
    public static readonly FirebaseProject Disabled = new(null, []);

    public bool IsEnabled => ProjectId is not null && Problems.Count == 0;
}
