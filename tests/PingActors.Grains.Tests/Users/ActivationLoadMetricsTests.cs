using System.Diagnostics.Metrics;
using PingActors.Platform;

namespace PingActors.Grains.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class ActivationLoadMetricsTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private const string LoadDuration = "pingactors.activation.load_duration";

    [Fact]
    public async Task ActivatingSender_TimesTheReadOfTheirPings_AsAUserLoad()
    {
        var loads = new List<(double Milliseconds, string? Grain)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PingActorsMetrics.MeterName && instrument.Name == LoadDuration)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? grain = null;
            foreach (var tag in tags)
            {
                grain = tag.Key == "grain" ? tag.Value as string : grain;
            }

            lock (loads)
            {
                loads.Add((value, grain));
            }
        });
        listener.Start();

        // A sender no silo has seen: their grain activates, and reads their pings before it answers.
        await User(ClusterFixture.NewUser("sender")).GetAllowanceAsync();

        lock (loads)
        {
            // Other activations in this process may be timed meanwhile; none of them is a user's unless a user activated.
            Assert.Contains(loads, l => l.Grain == "user" && l.Milliseconds > 0);
            Assert.All(loads, l => Assert.Contains(l.Grain, new[] { "user", "owner", "chat" }));
        }
    }
}
