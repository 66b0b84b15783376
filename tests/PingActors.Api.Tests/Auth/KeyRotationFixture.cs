namespace PingActors.Api.Tests.Auth;

/// <summary>The API in the middle of a key rotation: signing with a new key, still accepting the one before it.</summary>
public sealed class KeyRotationFixture() : ApiFixture(new Dictionary<string, string> { ["Auth:PreviousSigningKeys:0"] = PreviousKey })
{
    public const string PreviousKey = "the-signing-key-before-the-rotation-32-bytes";
}
