namespace PingActors.Import.Runs;

/// <summary>The phases of a run, in order. A run records the phase it is in; a resumed run starts there.</summary>
public static class ImportPhase
{
    /// <summary>Reading the source into the staging tables.</summary>
    public const string Extract = "extract";

    /// <summary>Deciding every listing's owner.</summary>
    public const string Owners = "owners";

    /// <summary>Registering the listings in grain storage, in chunks.</summary>
    public const string Listings = "listings";

    /// <summary>Deriving PingActors' chats, pings, messages and user settings.</summary>
    public const string Prepare = "prepare";

    /// <summary>Writing user settings (own limits, cooldowns) into grain storage, in chunks.</summary>
    public const string Users = "users";

    /// <summary>Moving chats with their pings and messages, in chunks.</summary>
    public const string Move = "move";

    /// <summary>Recording what was left behind.</summary>
    public const string Report = "report";

    /// <summary>Rebuilding the analytics aggregates.</summary>
    public const string Rebuild = "rebuild";

    public const string Done = "done";

    /// <summary>A run given up for a fresh one (<c>--restart</c>).</summary>
    public const string Abandoned = "abandoned";

    public static IReadOnlyList<string> Order { get; } = [Extract, Owners, Listings, Prepare, Users, Move, Report, Rebuild, Done];

    /// <summary>Whether a run in <paramref name="phase"/> has come at least as far as <paramref name="step"/>.</summary>
    public static bool Reached(string phase, string step) => Index(phase) >= Index(step);

    private static int Index(string phase) => Order.ToList().IndexOf(phase) is var i and >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(phase), phase, null);
}
