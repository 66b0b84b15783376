using Orleans.Storage;

namespace PingActors.Storage;

/// <summary>
/// Grain state read through the grain storage provider on first use rather than at activation. A chat is
/// activated by every ping that opens it, but only reading or marking it read needs its cursors; reading them
/// eagerly would add a round trip to every new chat.
/// </summary>
internal sealed class LazyGrainState<T>(IGrainStorage storage, string stateName, GrainId grainId)
    where T : new()
{
    private GrainState<T>? _loaded;

    /// <summary>The state, read from storage the first time it is asked for.</summary>
    public async ValueTask<T> GetAsync() => (await LoadAsync()).State!;

    /// <summary>
    /// Writes <paramref name="next"/> as a copy and makes it the state once the write has succeeded. A failed
    /// write (a stale version included) leaves nothing behind: the state is read again on its next use.
    /// </summary>
    public async Task CommitAsync(T next)
    {
        var loaded = await LoadAsync();
        var written = new GrainState<T>(next, loaded.ETag) { RecordExists = loaded.RecordExists };
        try
        {
            await storage.WriteStateAsync(stateName, grainId, written);
        }
        catch
        {
            _loaded = null;
            throw;
        }

        _loaded = written;
    }

    private async ValueTask<GrainState<T>> LoadAsync()
    {
        if (_loaded is null)
        {
            var loaded = new GrainState<T>(new T());
            await storage.ReadStateAsync(stateName, grainId, loaded);
            loaded.State ??= new T();
            _loaded = loaded;
        }

        return _loaded;
    }
}
