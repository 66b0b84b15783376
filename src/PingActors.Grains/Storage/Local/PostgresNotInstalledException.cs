namespace PingActors.Storage.Local;

/// <summary>No PostgreSQL server binaries could be found on this machine.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    public PostgresNotInstalledException()
        : base("PostgreSQL is not installed on this machine: no initdb was found through pg_config, "
            + "/usr/lib/postgresql/*/bin or PATH. Either install PostgreSQL 15 or later (for example "
            + "`sudo apt-get install postgresql`), or run `docker compose up -d postgres` and point "
            + "ConnectionStrings__Postgres at it.")
    {
    }

    public PostgresNotInstalledException(string message)
        : base(message)
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
