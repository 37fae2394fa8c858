using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Firebase;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>
/// Login with a Firebase ID token: the token is verified once, then the gateway owns the user. Users are
/// found by <c>firebase_uid</c> only, or created from the token. Only a verified email is taken from the token:
/// at creation, or later onto an account that has none; one held by another user is EMAIL_TAKEN, never a
/// silent merge of two accounts. An unverified email is ignored, so it can neither claim nor block an address.
/// </summary>
internal sealed class FirebaseLoginService(
    FirebaseTokenVerifier verifier,
    AppGate appGate,
    IUserStore users,
    MembershipService memberships,
    TokenService tokens,
    TimeProvider time,
    ILogger<FirebaseLoginService> logger)
{
    public async Task<TokenResponse> LoginAsync(string firebaseToken, string? appId, CancellationToken cancellationToken)
    {
        var (member, membership, _) = await SignInAsync(firebaseToken, appId, null, cancellationToken);
        return await tokens.StartSessionAsync(member, membership, cancellationToken);
    }

    /// <summary>Verifies the token and finds or creates its user in the app; the caller starts the session.</summary>
    /// <param name="maxAuthAge">When set, a token whose <c>auth_time</c> is older is refused before any user is touched.</param>
    public async Task<(User User, AppMembership Membership, FirebaseIdentity Identity)> SignInAsync(
        string firebaseToken, string? appId, TimeSpan? maxAuthAge, CancellationToken cancellationToken)
    {
        var app = await appGate.RequireActiveAsync(appId, cancellationToken);
        FirebaseIdentity identity;
        try
        {
            identity = await verifier.VerifyAsync(firebaseToken, cancellationToken);
        }
        catch (TracheaException failure)
        {
            AuthLog.LoginFailed(logger, app.AppId, failure.Error.Code);
            throw;
        }

        if (maxAuthAge is { } maxAge && time.GetUtcNow() - identity.AuthTime > maxAge)
        {
            AuthLog.LoginFailed(logger, app.AppId, ErrorCodes.InvalidFirebaseToken.Code);
            throw new TracheaException(ErrorCodes.InvalidFirebaseToken, "The Firebase sign-in is too old for a session; sign in again.");
        }

        await appGate.RequireMethodAsync(app.AppId, identity.Method, cancellationToken);
        var user = await users.FindByFirebaseUidAsync(identity.Uid, cancellationToken)
            ?? await CreateAsync(identity, app.AppId, cancellationToken);
        var (member, membership) = await memberships.EnterAsync(user, app.AppId, cancellationToken);
        if (member.Email is null && identity.VerifiedEmail is { } email)
        {
            member = await AddEmailAsync(member, email, app.AppId, cancellationToken);
        }

        if (identity.HasUnverifiedEmail)
        {
            AuthLog.UnverifiedEmailDropped(logger, member.Id, app.AppId);
        }

        AuthLog.LoggedIn(logger, member.Id, app.AppId, identity.Method);
        return (member, membership, identity);
    }

    private async Task<User> CreateAsync(FirebaseIdentity identity, string appId, CancellationToken cancellationToken)
    {
        if (identity.VerifiedEmail is { } email && await users.FindByEmailAsync(email, cancellationToken) is not null)
        {
            throw EmailTaken(appId);
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = UserIds.New(now),
            FirebaseUid = identity.Uid,
            Email = identity.VerifiedEmail,
            Name = identity.Name,
            Avatar = identity.Picture,
            Provider = identity.Method,
            Apps = [new AppMembership(appId, Roles.Member, Plans.Free, now)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await users.InsertAsync(user, cancellationToken);
        }
        catch (TracheaException) when (!cancellationToken.IsCancellationRequested)
        {
            // Two first logins of one Firebase user may race: then the other one created the document.
            var concurrent = await users.FindByFirebaseUidAsync(identity.Uid, cancellationToken);
            if (concurrent is null)
            {
                throw;
            }

            return concurrent;
        }

        AuthLog.Registered(logger, user.Id, appId);
        return user;
    }

    /// <summary>Gives an account without email the address its Firebase user has since verified.</summary>
    private async Task<User> AddEmailAsync(User user, string email, string appId, CancellationToken cancellationToken)
    {
        try
        {
            return await users.UpdateProfileAsync(user.Id, new ProfileChanges { Email = email }, time.GetUtcNow(), cancellationToken)
                ?? throw new TracheaException(ErrorCodes.InvalidCredentials);
        }
        catch (TracheaException failure) when (failure.Error == ErrorCodes.EmailTaken)
        {
            throw EmailTaken(appId, failure);
        }
    }

    private TracheaException EmailTaken(string appId, Exception? inner = null)
    {
        AuthLog.LoginFailed(logger, appId, ErrorCodes.EmailTaken.Code);
        return new TracheaException(
            ErrorCodes.EmailTaken, "This email already belongs to another account; sign in to that account instead.", inner: inner);
    }
}
