using MongoDB.Bson;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>User ids are the 24-hex text of the document's ObjectId <c>_id</c>.</summary>
internal static class MongoIds
{
    public static ObjectId Parse(string id) => ObjectId.TryParse(id, out var objectId)
        ? objectId
        : throw new ArgumentException("A user id is 24 hexadecimal digits.", nameof(id));

    /// <returns>False for text that cannot be an id: no user has it.</returns>
    public static bool TryParse(string id, out ObjectId objectId) => ObjectId.TryParse(id, out objectId);
}
