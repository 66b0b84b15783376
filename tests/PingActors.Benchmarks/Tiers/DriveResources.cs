using Microsoft.Extensions.Hosting;

namespace PingActors.Benchmarks.Tiers;

/// <summary>What a drive process opened for its system, closed when the round ends.</summary>
internal sealed class DriveResources : IAsyncDisposable
{
    private readonly List<object> _owned = [];

    public T Add<T>(T resource)
        where T : class
    {
        _owned.Add(resource);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_owned))
        {
            if (resource is IHost host)
            {
                await host.StopAsync();
            }

            if (resource is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (resource is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
