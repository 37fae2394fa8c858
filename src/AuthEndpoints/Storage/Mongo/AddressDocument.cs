using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>The <c>users.address</c> sub-document; a part left empty is absent, not null.</summary>
[BsonIgnoreExtraElements]
internal sealed class AddressDocument
{
    [BsonElement("street"), BsonIgnoreIfNull]
    public string? Street { get; set; }

    [BsonElement("city"), BsonIgnoreIfNull]
    public string? City { get; set; }

    [BsonElement("state"), BsonIgnoreIfNull]
    public string? State { get; set; }

    [BsonElement("country"), BsonIgnoreIfNull]
    public string? Country { get; set; }

    [BsonElement("zip"), BsonIgnoreIfNull]
    public string? Zip { get; set; }

    public static AddressDocument? From(Address? address) => address is null
        ? null
        : new AddressDocument { Street = address.Street, City = address.City, State = address.State, Country = address.Country, Zip = address.Zip };

    public Address ToAddress() => new(Street, City, State, Country, Zip);
}
