namespace PingActors.Limits;

/// <summary>Which of the two policies a decision is for: the one that decides, or the one in shadow.</summary>
internal enum PolicyRole
{
    Enforced,
    Shadow,
}
