using Microsoft.Extensions.Logging;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Testing;

/// <summary>A new database on a server, migrated as the hosts migrate theirs: what every test fixture and the benchmark start from.</summary>
public static class MigratedDatabase
{
    /// <summary>Creates <paramref name="name"/> on the server <paramref name="adminConnectionString"/> reaches, migrates it, and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string name, ILogger logger)
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(connectionString, logger);
        return connectionString;
    }
}
