using System.Globalization;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PingActors.Storage;

/// <summary>
/// Applies the scripts in <c>sql/</c> (embedded in this assembly) in name order, each once, journaled in
/// <c>schemaversions</c>. Silos, hosts and tests all call it at start-up; an advisory lock makes concurrent
/// starts take turns, so running it twice, or twice at once, is harmless.
/// </summary>
public static partial class DatabaseMigrator
{
    // Any constant will do, as long as nothing else in the database uses it.
    private const long LockKey = 0x50696e6741637473; // "PingActs"
    private const string ScriptPrefix = "PingActors.Sql.";

    /// <summary>Creates the database if it is missing, then applies the scripts it has not seen yet.</summary>
    /// <returns>The names of the scripts applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        var log = new UpgradeLog(logger);
        EnsureDatabase.For.PostgresqlDatabase(connectionString, log);

        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock($1)", lockConnection))
        {
            acquire.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                .WithTransactionPerScript()
                .WithVariablesDisabled()
                .LogTo(log)
                .Build();

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migration failed in {result.ErrorScript?.Name ?? "an unknown script"}.", result.Error);
            }

            var applied = result.Scripts.Select(s => s.Name[ScriptPrefix.Length..]).ToList();
            LogMigrated(logger, applied.Count, applied.Count == 0 ? "none" : string.Join(", ", applied));
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", lockConnection);
            release.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date; applied {Count} script(s) now: {Scripts}")]
    private static partial void LogMigrated(ILogger logger, int count, string scripts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message}")]
    private static partial void LogDbUpDebug(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogDbUpWarning(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogDbUpError(ILogger logger, Exception? exception, string message);

    /// <summary>DbUp's chatter goes to debug; its warnings and errors keep their level.</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        public void LogDebug(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        public void LogWarning(string format, params object[] args) => Log(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Log(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Error, ex, format, args);

        private void Log(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (!logger.IsEnabled(level))
            {
                return;
            }

            var message = Format(format, args);
            switch (level)
            {
                case LogLevel.Debug:
                    LogDbUpDebug(logger, message);
                    break;
                case LogLevel.Warning:
                    LogDbUpWarning(logger, message);
                    break;
                default:
                    LogDbUpError(logger, exception, message);
                    break;
            }
        }

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
