namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// The verified identity in a Firebase ID token.
/// </summary>
/// <param name="Uid">The Firebase user id (<c>sub</c>).</param>
/// <param name="Email">Trimmed and lower-cased; null when the token carries none. Unproven unless <paramref name="EmailVerified"/>.</param>
/// <param name="EmailVerified">The token's <c>email_verified</c>; false when absent.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="Picture">Avatar URL, if any.</param>
/// <param name="SignInProvider">The raw <c>firebase.sign_in_provider</c> (<c>google.com</c>, <c>password</c>, …).</param>
/// <param name="Method">The provider as one of <see cref="Access.AuthMethods"/>.</param>
/// <param name="AuthTime">When the user last actually signed in to Firebase (<c>auth_time</c>).</param>
internal sealed record FirebaseIdentity(
    string Uid,
    string? Email,
    bool EmailVerified,
    string? Name,
    string? Picture,
    string SignInProvider,
    string Method,
    DateTimeOffset AuthTime)
{
    /// <summary>
    /// The email only when the token says it is verified: anyone can sign up with the <c>password</c> provider
    /// under an address they do not own, so only this one may be stored or checked for uniqueness.
    /// </summary>
    public string? VerifiedEmail => EmailVerified ? Email : null;

    /// <summary>True when the token carries an email it does not vouch for, which the gateway then drops.</summary>
    public bool HasUnverifiedEmail => Email is not null && !EmailVerified;
}
