namespace PingActors.Storage;

/// <summary>
/// The one way a grain's stored state changes: the next state is written first, and it is the grain's state only
/// once the write has succeeded. State records are immutable, so a grain cannot change its state in place
/// ahead of the database; it hands the whole next state to <see cref="CommitAsync"/>.
/// </summary>
internal static class StateCommits
{
    /// <summary>
    /// Writes <paramref name="next"/> and makes it the state. If the write fails the state stays as it was and the
    /// grain deactivates: the write may even have committed (its outcome unknown), and the next activation reads
    /// whatever the database holds.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, T next, IGrainBase grain)
    {
        var current = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = current;
            GrainBaseExtensions.DeactivateOnIdle(grain);
            throw;
        }
    }
}
