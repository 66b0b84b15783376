using PingActors.Testing.SourceDesigns;
using PingActors.Users;

namespace PingActors.Import.Tests;

/// <summary>What PingActors must hold after importing a generated source, read off the generator's conversations.</summary>
public static class Expectations
{
    public static IReadOnlyList<ExpectedChat> Chats(ImportDatabases databases) =>
        [.. databases.Conversations.Select(c => c.Expected).OfType<ExpectedChat>()];

    public static IReadOnlyList<ExpectedPing> Pings(ImportDatabases databases) => [.. Chats(databases).SelectMany(c => c.Pings)];

    /// <summary>Every row the import must leave behind, with its reason.</summary>
    public static IReadOnlyList<LeftBehind> LeftBehind(ImportDatabases databases) => [.. databases.Conversations.SelectMany(c => c.LeftBehind)];

    /// <summary>
    /// Each user's allowance as PingActors must report it: their own limit (50, the default, unless the source set
    /// another), the pings of today that came across, and a cooldown still running.
    /// </summary>
    public static IReadOnlyList<(string User, int DailyLimit, int SentToday, DateTimeOffset? CooldownUntil)> Allowances(ImportDatabases databases)
    {
        var now = databases.Data.Options.Now;
        var today = now.UtcDateTime.Date;
        var sent = Pings(databases).Where(p => p.CreatedAt.UtcDateTime.Date == today).GroupBy(p => p.Sender).ToDictionary(g => g.Key, g => g.Count());
        var settings = databases.Data.Users.ToDictionary(u => u.Username);
        return [.. Pings(databases).Select(p => p.Sender).Union(settings.Keys).Distinct()
            .Where(name => Username.IsValid(name))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var user = settings.GetValueOrDefault(name);
                return (name, user?.DailyLimit ?? 50, sent.GetValueOrDefault(name), user?.CooldownUntil > now ? user.CooldownUntil : null);
            })];
    }
}
