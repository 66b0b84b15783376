using System.Collections.Concurrent;
using Npgsql;

namespace PingActors.Testing;

/// <summary>
/// Listens to PostgreSQL notifications on a database, so a test can wait for background work (an event
/// worker's batch, an expiry sweep) to have happened instead of sleeping: conditions are checked again each
/// time something is notified, and nothing is missed between a check and the wait that follows it.
/// </summary>
public sealed class DatabaseSignals : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Channel, string Payload)> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _pump;

    private DatabaseSignals(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += (_, notification) =>
        {
            _received.Enqueue((notification.Channel, notification.Payload));
            _signal.Release();
        };
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Everything notified so far, oldest first.</summary>
    public IReadOnlyList<(string Channel, string Payload)> Received => [.. _received];

    public static async Task<DatabaseSignals> ListenAsync(string connectionString, params string[] channels)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var channel in channels)
        {
            await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
            await listen.ExecuteNonQueryAsync();
        }

        return new DatabaseSignals(connection);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it now and after every notification.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await _signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task PumpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _connection.WaitAsync(_stop.Token);
        }
    }
}
