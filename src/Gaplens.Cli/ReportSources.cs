using Gaplens.History;

namespace Gaplens.Cli;

/// <summary>
/// Where a report for history or diff comes from: a JSON report file, a stored scan id (`12` or `#12`), or
/// `latest` / `previous` (the last two stored scans of the repository at --repo).
/// </summary>
public static class ReportSources
{
    public sealed record Loaded(string Label, string Json, ReportSnapshot Snapshot);

    /// <summary>A source that cannot be found or read: a usage error (exit 2) with this message.</summary>
    public sealed class SourceError(string message) : Exception(message);

    public static Loaded Load(string source, string database, string repositoryPath)
    {
        if (File.Exists(source))
        {
            var info = new FileInfo(source);
            if (info.Length > 64L * 1024 * 1024)
            {
                throw new SourceError($"'{source}' is larger than 64 MiB; it is not a Gaplens report");
            }

            var json = File.ReadAllText(source);
            return new Loaded(Path.GetFileName(source), json, Parse(json, source));
        }

        if (!File.Exists(database))
        {
            throw new SourceError($"'{source}' is not a report file, and there is no history at {database} to look up a scan in (store scans with `gaplens scan --store`)");
        }

        using var store = HistoryStore.Open(database);
        long id;
        if (source is "latest" or "previous")
        {
            var repository = RepositoryIdentity.Resolve(repositoryPath);
            var scans = store.List(repository.Key);
            var index = scans.Count - (source == "latest" ? 1 : 2);
            if (index < 0)
            {
                throw new SourceError($"'{source}': {repository.Name} has {scans.Count} stored scan(s) in {database}");
            }

            id = scans[index].Id;
        }
        else if (!long.TryParse(source.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id))
        {
            throw new SourceError($"'{source}' is neither a report file nor a stored scan id (`gaplens history` lists them)");
        }

        var stored = store.Report(id) ?? throw new SourceError($"no stored scan #{id} in {database} (`gaplens history` lists them)");
        return new Loaded($"#{id}", stored, Parse(stored, $"#{id}"));
    }

    private static ReportSnapshot Parse(string json, string label)
    {
        try
        {
            return ReportSnapshot.Parse(json);
        }
        catch (ReportFormatException ex)
        {
            throw new SourceError($"{label}: {ex.Message}");
        }
    }
}
