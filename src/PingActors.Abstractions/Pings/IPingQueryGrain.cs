namespace PingActors.Pings;

/// <summary>Reads pings from the history tables. Stateless: any silo answers.</summary>
[Alias("pingactors.IPingQueryGrain")]
public interface IPingQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Reads one ping; <see langword="null"/> unless <paramref name="viewer"/> sent or received it.</summary>
    Task<Ping?> GetAsync(string viewer, Guid pingId);

    /// <summary>Lists the viewer's sent or received pings, newest first.</summary>
    Task<PingPage> ListAsync(string viewer, PingListQuery query);
}
