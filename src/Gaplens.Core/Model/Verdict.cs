namespace Gaplens.Core.Model;

/// <summary>
/// The decision on one practice. Present carries evidence; partial says what is missing (and, across services,
/// which have it and which lack it); missing lists what was searched for; not-applicable gives the reason.
/// </summary>
public sealed record Verdict(
    string PracticeId,
    string Domain,
    PracticeStatus Status,
    IReadOnlyList<Evidence> Evidence,
    string Reason,
    IReadOnlyList<string> ServicesWith,
    IReadOnlyList<string> ServicesWithout,
    IReadOnlyList<string> Searched)
{
    public bool IsGap => Status is PracticeStatus.Missing or PracticeStatus.Partial;

    public bool IsSatisfied => Status == PracticeStatus.Present;
}
