using PingActors.Api.Auth;
using PingActors.Api.Chats;
using PingActors.Api.Hosting;
using PingActors.Api.Idempotency;
using PingActors.Api.Json;
using PingActors.Api.Limits;
using PingActors.Api.Listings;
using PingActors.Api.OpenApi;
using PingActors.Api.Pings;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Hosting;
using PingActors.Hosting.Operations;
using PingActors.Storage.Local;
using Orleans.Dashboard;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);
try
{
    await builder.AddPingActorsBackendAsync();
}
catch (PostgresNotInstalledException missing)
{
    await Console.Error.WriteLineAsync(missing.Message);
    return 1;
}

var devTokens = builder.AddPingActorsAuth();
builder.Services.AddPingActorsProblems().AddPingActorsJson().AddPingActorsIdempotency().AddPingActorsOpenApi();
builder.Services.AddSingleton<GrainCalls>();

var app = builder.Build();
await app.MigratePingActorsDatabaseAsync();

app.UseExceptionHandler();
app.UsePingActorsStatusCodeProblems();
app.UseAuthentication();
app.UseAuthorization();

var v1 = app.MapGroup("/v1").RequireAuthorization();
v1.MapListingEndpoints().MapPingEndpoints().MapChatEndpoints().MapLimitEndpoints();
if (devTokens)
{
    v1.MapDevTokenEndpoints();
}

app.MapPingActorsHealth();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs").AllowAnonymous();
app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthSetup.OperatorPolicy);

await app.RunAsync();
return 0;

/// <summary>The API host; public so tests can start it through WebApplicationFactory.</summary>
public partial class Program;
