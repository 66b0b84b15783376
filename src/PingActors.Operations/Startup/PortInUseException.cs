namespace PingActors.Operations.Startup;

/// <summary>A port this host must listen on is taken; its message is the one line the host prints before it exits.</summary>
public sealed class PortInUseException(string message) : Exception(message);
