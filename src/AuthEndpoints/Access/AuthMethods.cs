namespace Trachea.AuthEndpoints.Access;

/// <summary>Sign-in methods an app may allow: the Firebase providers and the native username path.</summary>
internal static class AuthMethods
{
    public const string Google = "google";
    public const string Facebook = "facebook";
    public const string Apple = "apple";
    public const string Password = "password";
    public const string Username = "username";

    public static readonly IReadOnlyList<string> All = [Google, Facebook, Apple, Password, Username];
}
