using Npgsql;

namespace PingActors.Benchmarks.Systems;

/// <summary>The seed's design: one call of its PL/pgSQL function per ping, through a pooled Npgsql data source.</summary>
internal sealed class SeedSystem(NpgsqlDataSource seed) : IPingSystem
{
    public string Name => SystemNames.Seed;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            await using var command = seed.CreateCommand("SELECT send_ping_optimized($1, $2, $3, $4)::text");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ping.Sender });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ping.Owner });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ping.ListingId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ping.Message });
            var result = (string)(await command.ExecuteScalarAsync())!;
            // The function answers {"success" : true, ...} or {"success" : false, "error" : "..."}.
            return result.StartsWith("{\"success\" : true", StringComparison.Ordinal) ? SendOutcome.Admitted
                : result.Contains("Limit exceeded", StringComparison.Ordinal) ? SendOutcome.Refused
                : SendOutcome.Failed;
        }
        catch (NpgsqlException)
        {
            return SendOutcome.Failed;
        }
    }
}
