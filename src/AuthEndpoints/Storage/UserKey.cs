namespace Trachea.AuthEndpoints.Storage;

/// <summary>The fields that each identify one user: every store looks users up by them and keeps each unique.</summary>
internal enum UserKey
{
    Id,
    Username,
    Email,
    FirebaseUid,
}
