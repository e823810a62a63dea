using System.Reflection;

namespace Gaplens.Reports;

/// <summary>Name and version written into every report.</summary>
public static class ToolInfo
{
    public const string Name = "gaplens";

    public const int SchemaVersion = 1;

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
