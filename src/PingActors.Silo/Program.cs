using Orleans.Dashboard;
using PingActors.Hosting;
using PingActors.Hosting.Operations;

// A silo of a multi-process cluster: it joins the silos listed in the database's membership table.
// `migrate` applies the database scripts and exits.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var cluster = builder.AddPingActorsSilo(singleNode: false);
builder.Services.AddPingActorsHealthChecks(hostsSilo: true);

var app = builder.Build();
await app.MigratePingActorsDatabaseAsync();
if (args.Contains("migrate"))
{
    return;
}

// The silo's HTTP port serves operators only and listens on loopback (Urls in appsettings.json), so the
// dashboard is never open to anyone off this machine.
app.MapPingActorsHealth();
if (cluster.Dashboard)
{
    app.MapOrleansDashboard("/dashboard");
}

await app.RunAsync();
