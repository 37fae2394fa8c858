using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Management;

/// <summary>Who calls the management API for <see cref="App"/>: <c>app:&lt;id&gt;</c> (the app's credentials) or an admin's user id.</summary>
internal sealed record ManagementCaller(AppRegistration App, string Actor);
