using System.Globalization;
using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Benchmark;

/// <summary>The benchmark's arguments.</summary>
internal sealed record ImportBenchmarkOptions(int Pings, SourceDesign Design, string? Postgres, int Seed, int? ChunkSize)
{
    public const string Usage = """
        dotnet run -c Release --project tests/PingActors.Import.Benchmark -- [--pings 1000000] [--design seed|older] [--postgres <admin connection string>] [--seed 1] [--chunk-size <chats>]
        """;

    public static ImportBenchmarkOptions? Parse(string[] args)
    {
        var options = new ImportBenchmarkOptions(1_000_000, SourceDesign.Seed, null, 1, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--pings" => options with { Pings = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--design" => options with { Design = Enum.Parse<SourceDesign>(args[i + 1], ignoreCase: true) },
                "--postgres" => options with { Postgres = args[i + 1] },
                "--seed" => options with { Seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--chunk-size" => options with { ChunkSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }
}
