namespace Trachea.AuthEndpoints.Storage;

internal enum RedemptionOutcome
{
    /// <summary>The token was valid and is now marked used; <see cref="RefreshTokenRedemption.Token"/> is set.</summary>
    Redeemed,
    /// <summary>The token had been used before: reuse. <see cref="RefreshTokenRedemption.Token"/> is set.</summary>
    Reused,
    /// <summary>Unknown, expired or revoked.</summary>
    Invalid,
}

internal sealed record RefreshTokenRedemption(RedemptionOutcome Outcome, RefreshTokenRecord? Token)
{
    public static readonly RefreshTokenRedemption Invalid = new(RedemptionOutcome.Invalid, null);
}
