namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// A user's role and plan in one app (an entry of <c>users.apps</c>). <see cref="Version"/> goes up whenever
/// access to the app must end before the tokens already issued expire (docs/revocation.md); <see cref="BlockedAt"/>
/// is set while the app refuses the user.
/// </summary>
internal sealed record AppMembership(
    string AppId, string Role, string Plan, DateTimeOffset JoinedAt, int Version = 0, DateTimeOffset? BlockedAt = null);
