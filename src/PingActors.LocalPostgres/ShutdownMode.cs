namespace PingActors.LocalPostgres;

/// <summary>How <see cref="LocalPostgresServer.StopAsync"/> stops the server (pg_ctl's <c>-m</c>).</summary>
public enum ShutdownMode
{
    /// <summary>Ends every session, checkpoints, then stops.</summary>
    Fast,

    /// <summary>Ends every process at once, as a crash would; the next start recovers from the WAL.</summary>
    Immediate,
}
