namespace Gaplens.History.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Reads_a_report_and_ignores_fields_it_does_not_know()
    {
        var snapshot = ReportSnapshot.Parse(Reports.Make("abc1234", "2025-03-04", [new("a", "missing", "critical"), new("b", "partial", Accepted: true), new("c", "present")]));

        Assert.Equal("abc1234", snapshot.Commit);
        Assert.Equal(new DateOnly(2025, 3, 4), snapshot.DateValue);
        Assert.Equal(3, snapshot.Practices.Count);
        Assert.Equal(["a"], snapshot.OpenGaps.Select(p => p.Id));
        Assert.Equal(1, snapshot.OpenGapCount("critical"));
        Assert.Equal("accepted", snapshot.Practices[1].EffectiveStatus);
        Assert.Equal("src/app.cs", snapshot.Practices[0].Evidence[0].Path);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"schemaVersion\":1,\"tool\":{\"name\":\"other\"}}")]
    [InlineData("{\"schemaVersion\":2,\"tool\":{\"name\":\"gaplens\"},\"repository\":{},\"scores\":{},\"practices\":[]}")]
    [InlineData("{\"schemaVersion\":1,\"tool\":{\"name\":\"gaplens\"},\"repository\":{\"root\":\".\"},\"scores\":{\"overall\":1}}")]
    public void Refuses_what_is_not_a_report_with_a_message(string json)
    {
        var error = Assert.Throws<ReportFormatException>(() => ReportSnapshot.Parse(json));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_crash()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.Throws<ReportFormatException>(() => ReportSnapshot.Parse(json));
    }

    [Theory]
    [InlineData("https://user:secret@github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo")]
    public void Remote_urls_lose_their_credentials(string url, string expected) =>
        Assert.Equal(expected, RepositoryIdentity.WithoutCredentials(url));

    [Fact]
    public void Repository_is_keyed_by_origin_remote_else_by_path()
    {
        var root = Directory.CreateTempSubdirectory("gaplens-id-").FullName;
        try
        {
            Assert.Equal(Path.GetFullPath(root), RepositoryIdentity.Resolve(root).Key);
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            File.WriteAllText(Path.Combine(root, ".git", "config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://example.com/up.git\n[remote \"origin\"]\n\turl = https://tok:en@example.com/team/shop.git\n");

            var identity = RepositoryIdentity.Resolve(root);

            Assert.Equal("https://example.com/team/shop.git", identity.Key);
            Assert.Equal("shop", identity.Name);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Data_folder_follows_xdg_then_home()
    {
        Assert.Equal(Path.Combine("/x/data", "gaplens", "history.db"), DataPaths.HistoryDatabase(n => n == "XDG_DATA_HOME" ? "/x/data" : null));
        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
        {
            Assert.Equal(Path.Combine("/home/u", ".local", "share", "gaplens", "history.db"), DataPaths.HistoryDatabase(n => n == "HOME" ? "/home/u" : null));
        }
    }
}
