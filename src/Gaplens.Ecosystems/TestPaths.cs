namespace Gaplens.Ecosystems;

/// <summary>Naming conventions that mark a file as a test across ecosystems.</summary>
public static class TestPaths
{
    private static readonly HashSet<string> TestDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "spec", "specs", "e2e", "testing", "integration-tests", "integrationtests",
        "unit-tests", "unittests", "functional-tests", "acceptance-tests", "cypress", "playwright", "testdata", "test-data",
    };

    private static readonly HashSet<string> TestRunnerWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "testing", "e2e", "playwright", "cypress", "selenium", "k6", "locust", "loadtest",
    };

    /// <summary>
    /// True when a compose service or container name says it runs tests ("api-tests", "e2e", "playwright"): judged by
    /// whole words, so "latest-prices" or "contest-api" are not test runners.
    /// </summary>
    public static bool IsTestRunnerName(string name) =>
        name.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(TestRunnerWords.Contains);

    public static bool LooksLikeTest(string path)
    {
        var segments = RelativePaths.Segments(path);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            if (TestDirectories.Contains(segment) ||
                segment.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith(".UnitTests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith(".IntegrationTests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith(".FunctionalTests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith("-tests", StringComparison.OrdinalIgnoreCase) ||
                segment.EndsWith("_tests", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var name = segments.Length == 0 ? path : segments[^1];
        return IsTestFileName(name);
    }

    /// <summary>Deno's test files sit next to the code: name_test.ts (and .tsx, .js, .jsx, .mts, .mjs).</summary>
    private static bool IsDenoTestName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 5 && name[(dot + 1)..] is "ts" or "tsx" or "js" or "jsx" or "mts" or "mjs" && name[..dot].EndsWith("_test", StringComparison.Ordinal);
    }

    public static bool IsTestFileName(string name) =>
        name.Contains(".test.", StringComparison.OrdinalIgnoreCase) ||
        name.Contains(".spec.", StringComparison.OrdinalIgnoreCase) ||
        name.Contains(".e2e.", StringComparison.OrdinalIgnoreCase) ||
        name.Contains(".cy.", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith("_test.go", StringComparison.Ordinal) ||
        IsDenoTestName(name) ||
        name.StartsWith("test_", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal) ||
        name.EndsWith("_test.py", StringComparison.Ordinal) ||
        name.Equals("conftest.py", StringComparison.Ordinal) ||
        name.EndsWith("Tests.cs", StringComparison.Ordinal) ||
        name.EndsWith("Test.cs", StringComparison.Ordinal) ||
        name.EndsWith("Tests.java", StringComparison.Ordinal) ||
        name.EndsWith("Test.java", StringComparison.Ordinal) ||
        name.EndsWith("IT.java", StringComparison.Ordinal) ||
        name.EndsWith("Test.kt", StringComparison.Ordinal) ||
        name.EndsWith("Tests.kt", StringComparison.Ordinal) ||
        name.EndsWith("_spec.rb", StringComparison.Ordinal);
}
