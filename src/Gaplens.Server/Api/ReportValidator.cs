using System.Reflection;
using NJsonSchema;

namespace Gaplens.Server.Api;

/// <summary>Validates uploads against spec/report.schema.json (embedded), the published contract of the JSON report.</summary>
public sealed class ReportValidator
{
    private readonly JsonSchema schema;

    private ReportValidator(JsonSchema schema) => this.schema = schema;

    public static async Task<ReportValidator> LoadAsync()
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("report.schema.json")
                                 ?? throw new InvalidOperationException("the report schema is not embedded");
        using var reader = new StreamReader(stream);
        return new ReportValidator(await JsonSchema.FromJsonAsync(await reader.ReadToEndAsync()));
    }

    /// <summary>The first problems found ("path: kind"), empty when the report is valid.</summary>
    public IReadOnlyList<string> Validate(string json) =>
        schema.Validate(json).Take(20).Select(e => $"{(string.IsNullOrEmpty(e.Path) ? "#" : e.Path)}: {e.Kind}").ToList();
}
