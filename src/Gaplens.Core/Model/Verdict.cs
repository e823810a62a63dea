namespace Gaplens.Core.Model;

/// <summary>
/// The decision on one practice. Present carries evidence; partial says what is missing (and, across services,
/// which have it and which lack it); missing lists what was searched for; not-applicable gives the reason.
/// <see cref="Confidence"/> is low when the verdict rests on something the scan could not see, said in
/// <see cref="ConfidenceReason"/>.
/// </summary>
public sealed record Verdict(
    string PracticeId,
    string Domain,
    PracticeStatus Status,
    IReadOnlyList<Evidence> Evidence,
    string Reason,
    IReadOnlyList<string> ServicesWith,
    IReadOnlyList<string> ServicesWithout,
    IReadOnlyList<string> Searched,
    Confidence Confidence = Confidence.High,
    string? ConfidenceReason = null)
{
    public bool IsLowConfidence => Confidence == Confidence.Low;

    public bool IsGap => Status is PracticeStatus.Missing or PracticeStatus.Partial;

    public bool IsSatisfied => Status == PracticeStatus.Present;
}
