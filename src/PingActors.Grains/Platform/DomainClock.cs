namespace PingActors.Platform;

/// <summary>
/// The key of the <see cref="TimeProvider"/> the domain reads. Orleans resolves the unkeyed TimeProvider for
/// its own timers and membership, so tests can move the domain's clock (a FakeTimeProvider under this key)
/// without stopping Orleans' own.
/// </summary>
public static class DomainClock
{
    public const string Key = "pingactors";
}
