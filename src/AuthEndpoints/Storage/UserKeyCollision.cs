using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage;

/// <summary>The contract's failure, the same for every store, when a write would give two users one key.</summary>
internal static class UserKeyCollision
{
    public static TracheaException Failure(UserKey key, Exception inner) => key switch
    {
        UserKey.Username => new TracheaException(ErrorCodes.UsernameTaken, inner: inner),
        UserKey.Email => new TracheaException(ErrorCodes.EmailTaken, inner: inner),
        // Linking is the caller's decision (find by firebase_uid first); a collision here is a request that cannot apply.
        UserKey.FirebaseUid => new TracheaException(ErrorCodes.ValidationError, "firebase_uid already linked", inner: inner),
        _ => new TracheaException(ErrorCodes.ValidationError, "user id already exists", inner: inner),
    };
}
