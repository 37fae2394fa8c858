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

/// <param name="SuccessorLive">For <see cref="RedemptionOutcome.Reused"/>: the successor stored at the first use is still unused and unrevoked.</param>
internal sealed record RefreshTokenRedemption(RedemptionOutcome Outcome, RefreshTokenRecord? Token, bool SuccessorLive = false)
{
    public static readonly RefreshTokenRedemption Invalid = new(RedemptionOutcome.Invalid, null);
}
