using MathNet.Numerics.Distributions;

namespace PingActors.Benchmarks.GroundTruth;

/// <summary>
/// Generates the ground truth from a plan and a seed: owners with known answer probabilities (Beta), log-normal
/// response times of a known median, known active hours (a daily window around their own hour, three times as busy
/// on their own day), pings sent mostly by day, and what follows each. The same plan gives the same world.
/// </summary>
public static class TruthGenerator
{
    /// <summary>Senders ping at night (00-06 UTC) at this share of the daytime rate.</summary>
    private const double NightRate = 0.3;

    private static readonly double[] _window = [1, 0.7, 0.4];

    public static SyntheticWorld Generate(GroundTruthPlan plan, TimeSpan life)
    {
        var random = new Random(plan.Seed);
        var senders = Enumerable.Range(0, plan.Senders).Select(i => $"gt-sender-{i:D4}").ToArray();
        var owners = Enumerable.Range(0, plan.Owners).Select(i => Owner(plan, random, i)).ToList();
        var pings = new List<PlannedPing>();
        var actions = new List<SimulatedAction>();
        var weeks = plan.TrainingWeeks + plan.HoldoutWeeks;
        var sendersOf = new Dictionary<Guid, int>();
        for (var o = 0; o < owners.Count; o++)
        {
            var owner = owners[o];
            var count = Poisson.Sample(random, owner.PingsPerWeek * weeks);
            for (var i = 0; i < count; i++)
            {
                var listing = owner.Listings[i % owner.Listings.Length];
                var k = sendersOf[listing] = sendersOf.GetValueOrDefault(listing) + 1;
                var ping = Ping(plan, random, owner, o, listing, senders[(k + (o * 7)) % senders.Length], SendTime(plan, random, weeks), life);
                pings.Add(ping);
                actions.Add(new SimulatedAction(ping.SentAt, ActionKind.Send, ping));
                if (ping.Outcome != "expired")
                {
                    actions.Add(new SimulatedAction(ping.SettledAt, ping.Outcome switch { "responded" => ActionKind.Respond, "declined" => ActionKind.Decline, _ => ActionKind.Withdraw }, ping));
                }
            }
        }

        AddMessages(plan, random, owners, pings, actions, weeks);
        return new SyntheticWorld(owners, pings, [.. actions.OrderBy(a => a.At).ThenBy(a => a.Kind)], senders);
    }

    private static OwnerTruth Owner(GroundTruthPlan plan, Random random, int index)
    {
        var (day, hour) = (random.Next(7), random.Next(24));
        var activity = new double[168];
        for (var h = 0; h < 168; h++)
        {
            var distance = Math.Min(Math.Abs((h % 24) - hour), 24 - Math.Abs((h % 24) - hour));
            activity[h] = 0.05 + ((distance < _window.Length ? _window[distance] : 0) * (h / 24 == day ? 3 : 1));
        }

        return new OwnerTruth(
            $"gt-owner-{index:D4}",
            [.. Enumerable.Range(0, plan.ListingsPerOwner).Select(_ => RandomGuid(random))],
            Beta.Sample(random, plan.AnswerAlpha, plan.AnswerBeta),
            Math.Log(60 * LogUniform(random, plan.MinMedianMinutes, plan.MaxMedianMinutes)),
            plan.Sigma,
            LogUniform(random, plan.PingsPerWeek.Min, plan.PingsPerWeek.Max),
            activity);
    }

    /// <summary>A ping and its fate: the earliest of the owner's answer or decline, the sender's withdrawal, and its expiry.</summary>
    private static PlannedPing Ping(GroundTruthPlan plan, Random random, OwnerTruth owner, int index, Guid listing, string sender, DateTimeOffset sentAt, TimeSpan life)
    {
        var delay = TimeSpan.FromSeconds(Math.Exp(owner.LogMedian + (owner.Sigma * Normal.Sample(random, 0, 1))));
        var answers = random.NextDouble() < owner.AnswerChance;
        var declines = !answers && random.NextDouble() < plan.DeclineShare;
        var withdrawal = random.NextDouble() < plan.WithdrawShare ? TimeSpan.FromMinutes(5 + (random.NextDouble() * 48 * 60)) : TimeSpan.MaxValue;
        var (outcome, after) = ("expired", life);
        if ((answers || declines) && delay < after)
        {
            (outcome, after) = (answers ? "responded" : "declined", delay);
        }

        if (withdrawal < after)
        {
            (outcome, after) = ("withdrawn", withdrawal);
        }

        return new PlannedPing(RandomGuid(random), index, listing, sender, sentAt, outcome, sentAt + after);
    }

    /// <summary>The owners' own messages, at times drawn from their activity, each in the chat of their latest ping settled by then.</summary>
    private static void AddMessages(GroundTruthPlan plan, Random random, List<OwnerTruth> owners, List<PlannedPing> pings, List<SimulatedAction> actions, int weeks)
    {
        var settled = pings.GroupBy(p => p.Owner).ToDictionary(g => g.Key, g => g.OrderBy(p => p.SettledAt).ToList());
        for (var o = 0; o < owners.Count; o++)
        {
            var activity = owners[o].Activity;
            var total = activity.Sum();
            var count = Poisson.Sample(random, plan.MessagesPerWeek * weeks);
            for (var i = 0; i < count; i++)
            {
                var (draw, hour) = (random.NextDouble() * total, 0);
                while (draw > activity[hour] && hour < 167)
                {
                    draw -= activity[hour++];
                }

                var at = GroundTruthPlan.Start.AddDays(7 * random.Next(weeks)).AddHours(hour).AddSeconds(random.NextDouble() * 3600);
                if (!settled.TryGetValue(o, out var mine) || mine.FindLast(p => p.SettledAt < at) is not { } chat)
                {
                    continue;
                }

                actions.Add(new SimulatedAction(at, ActionKind.Message, chat));
            }
        }
    }

    private static DateTimeOffset SendTime(GroundTruthPlan plan, Random random, int weeks)
    {
        while (true)
        {
            var at = GroundTruthPlan.Start.AddSeconds(random.NextDouble() * weeks * 7 * 86_400);
            if (at.Hour >= 6 || random.NextDouble() < NightRate)
            {
                return at;
            }
        }
    }

    private static double LogUniform(Random random, double min, double max) => Math.Exp(Math.Log(min) + (random.NextDouble() * Math.Log(max / min)));

    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
