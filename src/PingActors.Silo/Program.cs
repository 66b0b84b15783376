using Microsoft.Extensions.Hosting;
using PingActors.Hosting;

// A silo of a multi-process cluster: it joins the silos listed in the database's membership table.
// `migrate` applies the database scripts and exits.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPingActorsSilo(singleNode: false);

using var host = builder.Build();
await host.MigratePingActorsDatabaseAsync();
if (args.Contains("migrate"))
{
    return;
}

await host.RunAsync();
