using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Users;

/// <summary>The <c>address</c> object of the profile, on the wire.</summary>
internal sealed record AddressBody(string? Street = null, string? City = null, string? State = null, string? Country = null, string? Zip = null)
{
    public static AddressBody? From(Address? address) =>
        address is null ? null : new(address.Street, address.City, address.State, address.Country, address.Zip);

    public Address ToAddress() => new(Street, City, State, Country, Zip);

    public void Check(ValidationErrors errors)
    {
        FieldRules.CheckText(errors, "address.street", Street, FieldRules.MaxTextLength);
        FieldRules.CheckText(errors, "address.city", City, FieldRules.MaxTextLength);
        FieldRules.CheckText(errors, "address.state", State, FieldRules.MaxTextLength);
        FieldRules.CheckText(errors, "address.country", Country, FieldRules.MaxTextLength);
        FieldRules.CheckText(errors, "address.zip", Zip, FieldRules.MaxTextLength);
    }
}
