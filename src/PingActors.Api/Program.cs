using PingActors.Api;
using PingActors.Operations.Startup;
using PingActors.LocalPostgres;

// dotnet run --project src/PingActors.Api: a single-node cluster on http://localhost:5080, on a private
// PostgreSQL unless ConnectionStrings__Postgres names one. See ApiApplication for what is in it.
// Bad settings end it with one line per bad key and exit code 1 (ConfigurationErrors).
return await ConfigurationErrors.RunAsync(async () =>
{
    try
    {
        // Its own folder is the content root, wherever it is started from (a container's working directory, say),
        // so it always reads its own appsettings*.json; an explicit --contentRoot still wins.
        await using var app = await ApiApplication.BuildAsync([$"--contentRoot={AppContext.BaseDirectory}", .. args]);
        await app.RunAsync();
        return 0;
    }
    catch (PostgresNotInstalledException missing)
    {
        await Console.Error.WriteLineAsync(missing.Message);
        return 1;
    }
});

/// <summary>The API host; public so tests can start it through WebApplicationFactory.</summary>
public partial class Program;
