using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Tests;

internal static class Sources
{
    public static SourceText Of(string path, string text)
    {
        var name = path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;
        return new SourceText(new RepoFile(0, path, "/tmp/" + path, text.Length, FileClassifier.Classify(name)), text);
    }
}
