using Gaplens.Core.Model;

namespace Gaplens.Practices.Signals;

/// <summary>A place where a signal was seen.</summary>
public sealed record SignalMatch(Signal Signal, Evidence Evidence);
