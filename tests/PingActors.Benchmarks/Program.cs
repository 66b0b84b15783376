using PingActors.Benchmarks;
using Spectre.Console.Cli;

// dotnet run -c Release --project tests/PingActors.Benchmarks -- --clients 1,8,32 --seconds 10
var app = new CommandApp<BenchmarkCommand>();
app.Configure(config => config.SetApplicationName("PingActors.Benchmarks"));
return await app.RunAsync(args);
