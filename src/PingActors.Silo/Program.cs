using Orleans.Dashboard;
using PingActors.Analytics;
using PingActors.Hosting;
using PingActors.Import;
using PingActors.Operations.Startup;
using PingActors.Operations.Health;
using PingActors.Operations.Telemetry;
using Spectre.Console;

// A silo of a multi-process cluster: it joins the silos listed in the database's membership table.
// `migrate` applies the database scripts and exits; `rebuild-analytics` then recomputes every analytics
// aggregate from the ping history, with a progress bar, and exits (1 if another rebuild is running); `import`
// brings a system on the seed's design across (see ImportCommand for its modes and exit codes).
// Bad settings and taken ports end it with one line each and exit code 1 (ConfigurationErrors).
return await ConfigurationErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    var cluster = builder.AddPingActorsSilo(singleNode: false, (silo, settings) =>
    {
        silo.AddPingActorsTracing(builder.Configuration);
        if (settings.Dashboard)
        {
            silo.AddPingActorsDashboard(settings);
        }
    });
    builder.Services.AddPingActorsHealthChecks(hostsSilo: true);
    builder.AddPingActorsTelemetry("pingactors-silo");

    var app = builder.Build();
    await app.MigratePingActorsDatabaseAsync();
    if (args.Contains("migrate"))
    {
        return 0;
    }

    if (args.Contains("rebuild-analytics"))
    {
        return await RebuildAnalyticsAsync(app.Services.GetRequiredService<AnalyticsRebuilder>());
    }

    if (args.Contains("import"))
    {
        return await ImportCommand.RunAsync(app.Services, args);
    }

    ListeningPorts.EnsureFree(app.Configuration, cluster);

    // The silo's HTTP port serves operators only and listens on loopback (Urls in appsettings.json), so the
    // dashboard is never open to anyone off this machine.
    app.MapPingActorsHealth();
    app.MapPingActorsMetrics();
    if (cluster.Dashboard)
    {
        app.MapOrleansDashboard("/dashboard");
    }

    await app.RunAsync();
    return 0;
});

static async Task<int> RebuildAnalyticsAsync(AnalyticsRebuilder rebuilder)
{
    try
    {
        var done = await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Rebuilding analytics from the ping history");
            return await rebuilder.RebuildAsync(new Progress<AnalyticsRebuildProgress>(state =>
            {
                task.MaxValue = Math.Max(1, state.Total);
                task.Value = state.Pings;
            }));
        });
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Rebuilt the analytics from [bold]{done.Pings:N0}[/] pings.");
        return 0;
    }
    catch (AnalyticsRebuildRunningException ex)
    {
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{ex.Message}[/] Try again when it has finished.");
        return 1;
    }
}
