using Gaplens.Core.Model;
using Gaplens.Core.Search;

namespace Gaplens.Practices.Engine;

/// <summary>
/// Logic for one practice beyond its declared signals: structure (a CI step that runs tests, probes on every
/// workload), context (a health endpoint mapped only in Development) or several facts combined.
/// Called only when the practice applies; <see cref="PracticeContext"/> already holds the evaluated signals.
/// </summary>
public interface IPracticeDetector
{
    string PracticeId { get; }

    /// <summary>Literals this detector needs from the content pass, beyond its signals.</summary>
    IEnumerable<Term> Terms => [];

    Verdict Detect(PracticeContext context);
}
