namespace PingActors.LocalPostgres;

/// <summary>No PostgreSQL server binaries could be found on this machine.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    public PostgresNotInstalledException()
        : this("pg_config, /usr/lib/postgresql/*/bin or PATH")
    {
    }

    /// <param name="searched">Where initdb was looked for.</param>
    public PostgresNotInstalledException(string searched)
        : base($"PostgreSQL is not installed on this machine: no initdb was found in {searched}. Either install PostgreSQL "
            + "15 or later (for example `sudo apt-get install postgresql`), or run `docker compose up -d postgres` and "
            + "point ConnectionStrings__Postgres at it: ConnectionStrings__Postgres=\"Host=localhost;Port=5433;Username=pingactors;"
            + "Password=pingactors;Database=pingactors\" dotnet run --project src/PingActors.Api")
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
