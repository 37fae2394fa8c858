using System.CommandLine;
using System.Globalization;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Storage;
using static Trachea.AuthEndpoints.Assertions.SigningKeyAdministration;

namespace Trachea.Gateway.Cli;

/// <summary><c>keys list|rotate|retire</c>: the key ring that signs identity assertions (docs/assertion.md).</summary>
internal static class KeysCommand
{
    public static Command Create(CliServices services) => new("keys", "List, rotate and retire the keys that sign identity assertions.")
    {
        List(services),
        Rotate(services),
        Retire(services),
    };

    private static Command List(CliServices services)
    {
        var command = new Command("list", "List every key: kid, state, created, signs from, retired (UTC, tab-separated).");
        command.SetAction(async (result, cancellationToken) =>
        {
            var keys = await services.SigningKeysAsync(cancellationToken);
            var all = await keys.ListAsync(cancellationToken);
            var now = services.Time.GetUtcNow();
            var signer = CurrentSigner(all, now);
            foreach (var key in all)
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(
                    $"{key.Kid}\t{State(key, signer, now)}\t{Format(key.CreatedAt)}\t{Format(key.SignsFrom)}\t{(key.RetiredAt is { } retired ? Format(retired) : "-")}");
            }
        });
        return command;
    }

    private static Command Rotate(CliServices services)
    {
        var command = new Command(
            "rotate",
            $"Add a new key: published at once, it signs from {RotationDelay.TotalMinutes:F0} minutes later, when every verifier's cached key set has it.");
        command.SetAction(async (result, cancellationToken) =>
        {
            var keys = await services.SigningKeysAsync(cancellationToken);
            var key = await keys.RotateAsync(cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync($"Added key {key.Kid}: published now, signs from {Format(key.SignsFrom)}.");
        });
        return command;
    }

    private static Command Retire(CliServices services)
    {
        var kid = new Argument<string>("kid") { Description = "The key to retire (see 'keys list')." };
        var command = new Command("retire", "Stop signing with a key at once; it stays published until its last assertion has expired.") { kid };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(kid);
            var keys = await services.SigningKeysAsync(cancellationToken);
            var outcome = await keys.RetireAsync(id, cancellationToken);
            var line = outcome switch
            {
                RetireOutcome.Retired => $"Retired key {id}: no instance signs with it after its next read of the ring ({KeyRing.PollInterval.TotalSeconds:F0} s); published until {Format(services.Time.GetUtcNow() + KeyRing.PublishedAfterRetirement)}.",
                RetireOutcome.NotFound => throw new CliUsageException($"key '{id}' is not in the ring."),
                RetireOutcome.AlreadyRetired => throw new CliUsageException($"key '{id}' is retired already."),
                _ => throw new CliUsageException($"key '{id}' is the only key that can sign; run 'keys rotate' first."),
            };
            await result.InvocationConfiguration.Output.WriteLineAsync(line);
        });
        return command;
    }

    // The same choice as KeyRing.SignerAt, made on the stored rows (the command line decrypts nothing).
    private static SigningKeyRecord? CurrentSigner(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now)
    {
        var usable = keys.Where(k => k.RetiredAt is null).ToList();
        return usable.Where(k => k.SignsFrom <= now).MaxBy(k => k.SignsFrom) ?? usable.MinBy(k => k.SignsFrom);
    }

    private static string State(SigningKeyRecord key, SigningKeyRecord? signer, DateTimeOffset now) => key switch
    {
        { RetiredAt: { } retired } => KeyRing.IsPublished(retired, now) ? "retired (published)" : "retired",
        _ when key == signer => "signing",
        _ when key.SignsFrom > now => "pending",
        _ => "standby",
    };

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
