using PingActors.LocalPostgres;

namespace PingActors.Api.Hosting;

/// <summary>
/// The private PostgreSQL of the development default: started before the host is built (the silo needs its
/// connection string), stopped after everything else when the host stops.
/// </summary>
internal static class EmbeddedPostgres
{
    public const string Section = "Embedded";
    public const string Database = "pingactors";

    /// <summary>
    /// When no connection string is configured and <c>Embedded:Enabled</c> is on (the Development default),
    /// starts (or joins) the PostgreSQL kept in <c>Embedded:DataDirectory</c> (a per-user folder by default),
    /// from the binaries found through pg_config, /usr/lib/postgresql/*/bin or PATH (or <c>Embedded:BinDirectory</c>),
    /// and points <c>ConnectionStrings:Postgres</c> at it.
    /// </summary>
    public static async Task UseWhenUnconfiguredAsync(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Postgres"))
            || !builder.Configuration.GetValue($"{Section}:Enabled", defaultValue: false))
        {
            return;
        }

        using var loggers = LoggerFactory.Create(logging => logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
        var root = builder.Configuration[$"{Section}:DataDirectory"] ?? LocalPostgresServer.DefaultRootDirectory;
        var server = await LocalPostgresServer.StartPersistentAsync(
            root, loggers.CreateLogger("PingActors.EmbeddedPostgres"), builder.Configuration[$"{Section}:BinDirectory"]);
        await server.CreateDatabaseAsync(Database);
        builder.Configuration["ConnectionStrings:Postgres"] = server.ConnectionString(Database);

        // Registered before the silo, so it stops after it.
        builder.Services.AddSingleton(server);
        builder.Services.AddHostedService<Lifetime>();
    }

    private sealed class Lifetime(LocalPostgresServer server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
    }
}
