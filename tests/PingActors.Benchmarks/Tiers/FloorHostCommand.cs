using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PingActors.Benchmarks.Floor;
using PingActors.Testing.Processes;
using Spectre.Console.Cli;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// The floor's host, in a process of its own so that its CPU is counted alone: ASP.NET Core with a silo in-process
/// (server GC and logging at Warning, as PingActors' host runs in the benchmark), and one endpoint,
/// <c>POST /floor/{sender}</c>, that binds the ping's JSON body, calls the sender's <see cref="IFloorGrain"/> and answers
/// 201 with its receipt. No authentication, no validation, no database: the least a POST that calls a grain costs.
/// Says <c>ready URL GATEWAY</c> once it serves; told <c>settle</c> (while it is under load), says <c>settled</c> or
/// <c>unsettled</c> once its compiler has gone quiet or the settle limit has passed; ends when its input closes.
/// </summary>
internal sealed class FloorHostCommand : AsyncCommand<FloorHostCommand.Settings>
{
    public const string ClusterId = "pingactors-floor";
    public const string Ready = "ready";
    public const string Settle = "settle";
    public const string Settled = "settled";
    public const string Unsettled = "unsettled";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--settle-limit-ms <MS>")]
        public int SettleLimitMilliseconds { get; init; } = 30_000;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (siloPort, gatewayPort, httpPort) = (Repository.FreePort(), Repository.FreePort(), Repository.FreePort());
        var builder = WebApplication.CreateBuilder();
        // As the benchmark runs PingActors' host (the API's appsettings.json is in this folder too).
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterId, clusterId: ClusterId));
        await using var app = builder.Build();
        app.MapPost("/floor/{sender}", SendAsync);
        await app.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync($"{Ready} http://127.0.0.1:{httpPort} {gatewayPort}");

        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == Settle)
            {
                var settled = await JitSettling.WaitAsync(TimeSpan.FromMilliseconds(settings.SettleLimitMilliseconds));
                await Console.Out.WriteLineAsync(settled ? Settled : Unsettled);
            }
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task<IResult> SendAsync(string sender, FloorPing ping, IGrainFactory grains)
    {
        var receipt = await grains.GetGrain<IFloorGrain>(sender).SendAsync(ping);
        return TypedResults.Created($"/floor/{sender}/{receipt.PingId}", receipt);
    }
}
