namespace Gaplens.Core.Model;

public enum PracticeStatus
{
    Present,
    Partial,
    Missing,
    NotApplicable,
}

public static class PracticeStatusNames
{
    public static string ToWire(this PracticeStatus status) => status switch
    {
        PracticeStatus.Present => "present",
        PracticeStatus.Partial => "partial",
        PracticeStatus.Missing => "missing",
        PracticeStatus.NotApplicable => "not-applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
