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
/// found by <c>firebase_uid</c> or created from the token; an email held by another user is EMAIL_TAKEN,
/// never a silent merge of two accounts.
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

        await appGate.RequireMethodAsync(app.AppId, identity.Method, cancellationToken);
        var user = await users.FindByFirebaseUidAsync(identity.Uid, cancellationToken)
            ?? await CreateAsync(identity, app.AppId, cancellationToken);
        var (member, membership) = await memberships.EnterAsync(user, app.AppId, cancellationToken);
        AuthLog.LoggedIn(logger, member.Id, app.AppId, identity.Method);
        return await tokens.IssueAsync(member, membership, null, cancellationToken);
    }

    private async Task<User> CreateAsync(FirebaseIdentity identity, string appId, CancellationToken cancellationToken)
    {
        if (identity.Email is not null && await users.FindByEmailAsync(identity.Email, cancellationToken) is not null)
        {
            AuthLog.LoginFailed(logger, appId, ErrorCodes.EmailTaken.Code);
            throw new TracheaException(ErrorCodes.EmailTaken, "This email already belongs to another account; sign in to that account instead.");
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = UserIds.New(now),
            FirebaseUid = identity.Uid,
            Email = identity.Email,
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
}
