using Npgsql;

namespace PingActors.Import.Importing;

/// <summary>The source database, opened read-only: the import never writes to the old system.</summary>
public static class SourceDatabase
{
    public static NpgsqlDataSource Open(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.CommandTimeout = 0;
        settings.ApplicationName ??= "pingactors-import";
        settings.Options = $"{settings.Options} -c default_transaction_read_only=on".Trim();
        return builder.Build();
    }

    /// <summary>Host, port, database and search path: what identifies a source, without its password.</summary>
    public static string Describe(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var path = string.IsNullOrEmpty(settings.SearchPath) ? "" : $" (search path {settings.SearchPath})";
        return $"{settings.Host}:{settings.Port}/{settings.Database}{path}";
    }
}
