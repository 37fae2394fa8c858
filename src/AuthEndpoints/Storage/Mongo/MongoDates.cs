namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>BSON dates are UTC milliseconds; the contract speaks <see cref="DateTimeOffset"/>.</summary>
internal static class MongoDates
{
    public static DateTime ToBson(DateTimeOffset value) => value.UtcDateTime;

    public static DateTime? ToBson(DateTimeOffset? value) => value?.UtcDateTime;

    public static DateTimeOffset FromBson(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? FromBson(DateTime? value) => value is { } date ? FromBson(date) : null;
}
