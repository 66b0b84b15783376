using Orleans.Concurrency;
using PingActors.Limits;
using PingActors.Pings;

namespace PingActors.Users;

/// <summary>A sender: the one place that admits their pings, so their daily allowance is exact.</summary>
[Alias("pingactors.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Sends a ping, or says why not. A repeated <see cref="SendPing.PingId"/> returns the first result.</summary>
    Task<SendPingResult> SendPingAsync(SendPing ping);

    /// <summary>Sends pings in order, each with the result it would get alone.</summary>
    Task<IReadOnlyList<SendPingResult>> SendPingsAsync(IReadOnlyList<SendPing> pings);

    /// <summary>Reads the sender's allowance.</summary>
    Task<Allowance> GetAllowanceAsync();

    /// <summary>Sets the sender's daily limit; <see langword="null"/> returns them to the default.</summary>
    Task<Allowance> SetDailyLimitAsync(int? dailyLimit);

    /// <summary>Blocks the sender from pinging until <paramref name="until"/>; <see langword="null"/> lifts the cooldown.</summary>
    Task<Allowance> SetCooldownAsync(DateTimeOffset? until);

    /// <summary>One of the sender's pending pings was answered, declined, withdrawn or expired.</summary>
    [OneWay]
    Task PingClosedAsync(Guid pingId, PingStatus status, DateTimeOffset at);
}
