namespace Gaplens.Core.Model;

/// <summary>Something the scan could not read, parse or follow; the scan goes on and reports it.</summary>
public sealed record ScanWarning(string Path, string Message);
