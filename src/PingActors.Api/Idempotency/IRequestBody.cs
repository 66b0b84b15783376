namespace PingActors.Api.Idempotency;

/// <summary>Marks the JSON body of a request; its canonical form is what an idempotency key is bound to.</summary>
public interface IRequestBody;
