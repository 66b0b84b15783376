using System.ComponentModel.DataAnnotations;

namespace PingActors.Storage;

/// <summary>Where the database is: <c>ConnectionStrings:Postgres</c> (environment: <c>ConnectionStrings__Postgres</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ConnectionStrings";

    [Required(ErrorMessage = "is not set: point it at a PostgreSQL 15+ database.")]
    public string? Postgres { get; set; }
}
