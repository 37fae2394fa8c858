namespace Trachea.AuthEndpoints.Storage;

/// <summary>A user's role and plan in one app (an entry of <c>users.apps</c>).</summary>
internal sealed record AppMembership(string AppId, string Role, string Plan, DateTimeOffset JoinedAt);
