using Npgsql;

namespace PingActors.Storage;

/// <summary>
/// Work that meets a connection PostgreSQL has ended (a restart, a failover, a terminated backend) fails at once:
/// the pool handed out a connection it had kept idle since before. Npgsql then empties that pool, so the same work
/// run again opens a fresh connection and finds the server, if it is back. Without this, each of a process's pools
/// answered its first request after a restart with a 503.
/// </summary>
public static class LostConnections
{
    /// <summary>
    /// Runs <paramref name="work"/>, and once more if it failed because its connection was lost. Only for work that
    /// is safe to repeat whatever became of the first run: reads, and writes whose repeat recognizes their first run.
    /// </summary>
    public static async Task<T> RetryOnceAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (IsLost(ex))
        {
            return await work();
        }
    }

    /// <inheritdoc cref="RetryOnceAsync{T}(Func{Task{T}})"/>
    public static async Task RetryOnceAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (IsLost(ex))
        {
            await work();
        }
    }

    /// <summary>
    /// Whether the connection itself is gone: the server ended its process (<c>57P01</c> when it shuts down or a
    /// backend is terminated, <c>57P02</c> when another one crashed), or the socket failed under Npgsql. A refused
    /// statement, a timeout or a server that cannot be reached at all is not.
    /// </summary>
    public static bool IsLost(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException refused:
                    return refused.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown;
                case NpgsqlException { InnerException: IOException or EndOfStreamException }:
                    return true;
            }
        }

        return false;
    }
}
