using System.Threading.Channels;
using PingActors.Notifications;
using PingActors.Platform;

namespace PingActors.Api.Notifications;

/// <summary>
/// Puts this process's live events in order against the outbox. Events arrive from several silos in no particular
/// order, and a silo can die between its commit and its publish; but an event arrives only after it committed, and
/// every event below a committed position has committed too (the stream clock's rule). So one read of the outbox
/// after an event arrived shows every earlier event of its user: the sequencer asks, for every connection holding
/// events, which positions lie between what it wrote and what it holds, fetches the few that did not arrive, and
/// releases them all in order. One query serves every connection waiting at the time, and the next round gathers
/// what arrived meanwhile. Every so often it checks every connection up to the clock (a full check), which delivers
/// what never arrived live, and moves idle connections' positions on.
/// </summary>
internal sealed partial class StreamSequencer : IAsyncDisposable
{
    private readonly Channel<(StreamConnection Connection, bool Full)> _work = Channel.CreateUnbounded<(StreamConnection, bool)>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly StreamQueries _queries;
    private readonly TimeProvider _clock;
    private readonly ILogger<StreamSequencer> _logger;
    private readonly Task _loop;

    public StreamSequencer(StreamQueries queries, [FromKeyedServices(DomainClock.Key)] TimeProvider clock, ILogger<StreamSequencer> logger)
    {
        (_queries, _clock, _logger) = (queries, clock, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Checks a connection that holds live events.</summary>
    public void Check(StreamConnection connection) => _work.Writer.TryWrite((connection, false));

    /// <summary>Checks connections against everything committed so far.</summary>
    public void CheckFully(IEnumerable<StreamConnection> connections)
    {
        foreach (var connection in connections)
        {
            _work.Writer.TryWrite((connection, true));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync())
        {
            var round = new Dictionary<StreamConnection, bool>();
            while (reader.TryRead(out var item))
            {
                round[item.Connection] = round.GetValueOrDefault(item.Connection) || item.Full;
            }

            try
            {
                await CheckAsync(round);
            }
            catch (Exception ex)
            {
                LogCheckFailed(ex, round.Count);
                // Nothing was released; the connections keep what they hold and are checked again.
                await Task.Delay(TimeSpan.FromSeconds(1));
                foreach (var (connection, full) in round)
                {
                    _work.Writer.TryWrite((connection, full));
                }
            }
        }
    }

    private async Task CheckAsync(Dictionary<StreamConnection, bool> round)
    {
        var checks = new List<(StreamConnection Connection, bool Full, long After, long Before, long[] Held)>(round.Count);
        foreach (var (connection, full) in round)
        {
            if (connection.TakeCheck(full) is { } check)
            {
                checks.Add((connection, full, check.After, check.Before, check.Held));
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        var (found, clock) = await _queries.CheckAsync([.. checks.Select(c => new StreamGapCheck(c.Connection.User, c.After, c.Before))]);
        var missing = new HashSet<(string Recipient, long Seq)>();
        for (var i = 0; i < checks.Count; i++)
        {
            foreach (var seq in found[i].Except(checks[i].Held))
            {
                missing.Add((checks[i].Connection.User, seq));
            }
        }

        var fetched = missing.Count == 0 ? [] : await _queries.ReadAsync([.. missing], _clock.GetUtcNow());
        StreamMetrics.RecordFetched(fetched.Count);
        var byUser = fetched.ToLookup(e => e.Recipient, StringComparer.Ordinal);
        foreach (var (connection, full, _, before, _) in checks)
        {
            if (connection.Release(full ? clock : before, byUser[connection.User], cursor: full))
            {
                Check(connection);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking {Count} streams against the outbox failed; they are checked again.")]
    private partial void LogCheckFailed(Exception exception, int count);
}
