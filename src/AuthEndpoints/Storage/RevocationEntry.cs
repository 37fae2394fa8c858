namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// One entry of the revocation feed: either every token of (<see cref="UserId"/>, <see cref="AppId"/>) whose
/// membership version is below <see cref="MinVersion"/>, or every token of the session <see cref="Sid"/>.
/// <see cref="Seq"/> increases with every entry a store appends.
/// </summary>
internal sealed record RevocationEntry(long Seq, string UserId, string AppId, int? MinVersion, string? Sid, DateTimeOffset CreatedAt);
