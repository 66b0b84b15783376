using PingActors.Benchmarks;
using PingActors.Benchmarks.Simulation;
using PingActors.Benchmarks.Tiers;
using Spectre.Console.Cli;

// dotnet run -c Release --project tests/PingActors.Benchmarks -- --clients 1,8,32 --seconds 10
// dotnet run -c Release --project tests/PingActors.Benchmarks -- limits (the limits simulation)
var app = new CommandApp<BenchmarkCommand>();
app.Configure(config =>
{
    config.SetApplicationName("PingActors.Benchmarks");
    config.AddCommand<DriveCommand>("drive").IsHidden();
    config.AddCommand<FloorHostCommand>("floor-host").IsHidden();
    config.AddCommand<LimitsSimulationCommand>("limits").WithDescription("Simulates a month of a marketplace under the flat and the smart limits.");
});
return await app.RunAsync(args);
