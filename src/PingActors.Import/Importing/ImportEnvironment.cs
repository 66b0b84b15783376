using Npgsql;
using PingActors.Analytics;
using PingActors.Import.GrainState;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Import.Importing;

/// <summary>What the import takes from the silo's configuration: the target database, the ping rules, grain storage, the rebuild and the clock.</summary>
public sealed record ImportEnvironment(
    NpgsqlDataSource Target,
    PingOptions Pings,
    AllowanceCalendar Calendar,
    GrainStateRows GrainRows,
    AnalyticsRebuilder Rebuilder,
    TimeProvider Clock)
{
    /// <summary>The allowance time zone as PostgreSQL names it (IANA), whichever way the configuration names it.</summary>
    public string SqlTimeZone => TimeZoneInfo.TryConvertWindowsIdToIanaId(Pings.ResetTimeZone, out var iana) ? iana : Pings.ResetTimeZone;
}
