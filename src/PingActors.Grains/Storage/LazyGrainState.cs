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
    public async ValueTask<T> GetAsync()
    {
        if (_loaded is null)
        {
            var loaded = new GrainState<T>(new T());
            await storage.ReadStateAsync(stateName, grainId, loaded);
            _loaded = loaded;
        }

        return _loaded.State ??= new T();
    }

    /// <summary>Writes the state read by <see cref="GetAsync"/>; a stale version throws <see cref="InconsistentStateException"/>.</summary>
    public Task WriteAsync() =>
        storage.WriteStateAsync(stateName, grainId, _loaded ?? throw new InvalidOperationException("Read the state before writing it."));
}
