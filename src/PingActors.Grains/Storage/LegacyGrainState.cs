using Orleans.Storage;

namespace PingActors.Storage;

/// <summary>
/// Reads state that grain storage held before it moved into the history tables (a chat's read cursors, a user's
/// limits), for the rows still flagged as having it there. Read only: the next write of the row stores it anew.
/// </summary>
internal static class LegacyGrainState
{
    /// <summary>The stored state, or a new one if there is none.</summary>
    public static async Task<T> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId grainId)
        where T : new()
    {
        var stored = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, stored);
        return stored.State ?? new T();
    }
}
