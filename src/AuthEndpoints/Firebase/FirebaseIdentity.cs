namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// The verified identity in a Firebase ID token.
/// </summary>
/// <param name="Uid">The Firebase user id (<c>sub</c>).</param>
/// <param name="Email">Trimmed and lower-cased; null when the token carries none.</param>
/// <param name="EmailVerified">The token's <c>email_verified</c>; false when absent.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="Picture">Avatar URL, if any.</param>
/// <param name="SignInProvider">The raw <c>firebase.sign_in_provider</c> (<c>google.com</c>, <c>password</c>, …).</param>
/// <param name="Method">The provider as one of <see cref="Access.AuthMethods"/>.</param>
internal sealed record FirebaseIdentity(
    string Uid,
    string? Email,
    bool EmailVerified,
    string? Name,
    string? Picture,
    string SignInProvider,
    string Method);
