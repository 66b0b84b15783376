namespace PingActors.References;

/// <summary>
/// <c>GetGrain&lt;T&gt;(key)</c> without its per-call type lookup. Orleans' <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string)"/>
/// works out the interface's grain type from its attributes and formatted type name on every call (about 8% of what an
/// HTTP ping allocated, profiled with <c>dotnet-trace</c>'s allocation ticks). Both types depend only on the interface,
/// so they are worked out once, by Orleans itself, and each reference is then made from them directly.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of <typeparamref name="TGrain"/> whose key is <paramref name="key"/>.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey =>
        Types<TGrain>.Of(grains).Reference(grains, IdSpan.Create(key));

    /// <inheritdoc cref="Reference{TGrain}(IGrainFactory, string)"/>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, Guid key) where TGrain : IGrainWithGuidKey =>
        Types<TGrain>.Of(grains).Reference(grains, GrainIdKeyExtensions.CreateGuidKey(key));

    /// <inheritdoc cref="Reference{TGrain}(IGrainFactory, string)"/>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, long key) where TGrain : IGrainWithIntegerKey =>
        Types<TGrain>.Of(grains).Reference(grains, GrainIdKeyExtensions.CreateIntegerKey(key));

    private sealed class Types<TGrain>(GrainType grain, GrainInterfaceType @interface) where TGrain : IAddressable
    {
        private static Types<TGrain>? _resolved;

        /// <summary>The types Orleans resolves for <typeparamref name="TGrain"/> (the same in every host of one build).</summary>
        public static Types<TGrain> Of(IGrainFactory grains)
        {
            if (_resolved is { } resolved)
            {
                return resolved;
            }

            var sample = (GrainReference)grains.GetGrain(typeof(TGrain), IdSpan.Create("type-probe"));
            return _resolved = new Types<TGrain>(sample.GrainId.Type, sample.InterfaceType);
        }

        public TGrain Reference(IGrainFactory grains, IdSpan key) => (TGrain)grains.GetGrain(GrainId.Create(grain, key), @interface);
    }
}
