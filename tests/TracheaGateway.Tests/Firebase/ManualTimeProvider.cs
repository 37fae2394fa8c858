namespace Trachea.Tests.Firebase;

/// <summary>
/// A clock the test moves by hand; by default it starts far from the real date so any use of the system clock
/// shows. Tests whose tokens must also pass the framework's own lifetime check start it at the real time.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset? start = null) : TimeProvider
{
    private long _utcTicks = (start ?? new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero)).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
