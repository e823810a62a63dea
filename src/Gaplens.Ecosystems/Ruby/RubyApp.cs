using System.Text;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Ruby;

/// <summary>What a Ruby application's entry file declares.</summary>
public enum RubyAppKind
{
    /// <summary>config/application.rb: <c>class Application &lt; Rails::Application</c>.</summary>
    Rails,

    /// <summary>config/app.rb: <c>class App &lt; Hanami::App</c>.</summary>
    Hanami,

    /// <summary>config.ru: a Rack application started by a Rack server.</summary>
    Rackup,
}

/// <summary>
/// The entry file of a Ruby web application: Rails' config/application.rb, Hanami's config/app.rb or a Rack
/// config.ru. <see cref="Root"/> is the application's folder (where its Gemfile lives), <see cref="Module"/> the
/// application's module, which names the program (<c>module Maybe</c> is the Rails application "maybe").
/// </summary>
public sealed partial record RubyApp(RubyAppKind Kind, string Path, string Root, string? Module, int Line)
{
    /// <summary>True for the entry files an application declares itself in.</summary>
    public static bool IsEntryFile(RepoFile file) =>
        file.Name.Equals("config.ru", StringComparison.Ordinal) ||
        file.Name is "application.rb" or "app.rb" && file.Directory.EndsWith("config", StringComparison.Ordinal) &&
        (file.Directory.Length == "config".Length || file.Directory.EndsWith("/config", StringComparison.Ordinal));

    /// <summary>The application an entry file declares, or null when it declares none (a config/app.rb of another framework).</summary>
    public static RubyApp? Read(SourceText source)
    {
        var file = source.File;
        if (file.Name == "config.ru")
        {
            var run = FirstLine(source, RunLine());
            return run is null ? null : new RubyApp(RubyAppKind.Rackup, file.Path, file.Directory, null, run.Value);
        }

        var kind = file.Name == "application.rb" ? RubyAppKind.Rails : RubyAppKind.Hanami;
        var declaration = FirstLine(source, kind == RubyAppKind.Rails ? RailsApplication() : HanamiApp());
        if (declaration is null)
        {
            return null;
        }

        string? module = null;
        for (var i = 1; i <= source.LineCount && i <= declaration; i++)
        {
            if (ModuleLine().Match(source.Line(i)) is { Success: true } m)
            {
                module = m.Groups[1].Value;
                break;
            }
        }

        return new RubyApp(kind, file.Path, RelativePaths.DirectoryOf(file.Directory), module, declaration.Value);
    }

    /// <summary>
    /// The program's name from its module, as Rails names an application ("RailsApiBase" → "rails-api-base"); null when
    /// the module is a generic placeholder (module App, module Api) that names no program.
    /// </summary>
    public string? ProgramName => Module is { Length: > 0 } module && !GenericModules.Contains(module) ? Dasherize(module) : null;

    private static readonly HashSet<string> GenericModules = new(StringComparer.OrdinalIgnoreCase)
    {
        "App", "Application", "Api", "Web", "WebApp", "Webapp", "Backend", "Server", "Main", "Core", "Site", "Service", "Rails", "MyApp", "Project",
    };

    internal static string Dasherize(string camel)
    {
        var builder = new StringBuilder(camel.Length + 4);
        for (var i = 0; i < camel.Length; i++)
        {
            var c = camel[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(camel[i - 1]) || char.IsDigit(camel[i - 1]) ||
                                             i + 1 < camel.Length && char.IsUpper(camel[i - 1]) && char.IsLower(camel[i + 1])))
            {
                builder.Append('-');
            }

            builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static int? FirstLine(SourceText source, Regex pattern)
    {
        for (var i = 1; i <= source.LineCount; i++)
        {
            var line = source.Line(i);
            if (!line.TrimStart().StartsWith('#') && pattern.IsMatch(line))
            {
                return i;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*run[\s(]", RegexOptions.CultureInvariant)]
    private static partial Regex RunLine();

    [GeneratedRegex(@"<\s*(::)?Rails::Application\b", RegexOptions.CultureInvariant)]
    private static partial Regex RailsApplication();

    [GeneratedRegex(@"<\s*(::)?Hanami::App\b", RegexOptions.CultureInvariant)]
    private static partial Regex HanamiApp();

    [GeneratedRegex(@"^\s*module\s+([A-Z]\w*)", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleLine();
}
