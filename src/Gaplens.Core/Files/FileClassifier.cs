namespace Gaplens.Core.Files;

/// <summary>Maps a file name to its <see cref="FileClass"/>; files that are certainly binary map to <see cref="FileClass.None"/>.</summary>
public static class FileClassifier
{
    private static readonly Dictionary<string, FileClass> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = FileClass.CSharp, [".csx"] = FileClass.CSharp, [".fs"] = FileClass.CSharp, [".vb"] = FileClass.CSharp,
        [".js"] = FileClass.JavaScript, [".jsx"] = FileClass.JavaScript, [".mjs"] = FileClass.JavaScript,
        [".cjs"] = FileClass.JavaScript, [".ts"] = FileClass.JavaScript, [".tsx"] = FileClass.JavaScript,
        [".mts"] = FileClass.JavaScript, [".cts"] = FileClass.JavaScript,
        [".vue"] = FileClass.JavaScript, [".svelte"] = FileClass.JavaScript, [".astro"] = FileClass.JavaScript,
        [".py"] = FileClass.Python, [".pyi"] = FileClass.Python,
        [".java"] = FileClass.Java, [".kt"] = FileClass.Java, [".scala"] = FileClass.Java, [".groovy"] = FileClass.Java,
        [".go"] = FileClass.Go,
        [".rb"] = FileClass.Ruby, [".erb"] = FileClass.Ruby, [".rake"] = FileClass.Ruby, [".ru"] = FileClass.Ruby, [".gemspec"] = FileClass.Ruby,
        [".jbuilder"] = FileClass.Ruby, [".haml"] = FileClass.Markup, [".slim"] = FileClass.Markup,
        [".ex"] = FileClass.Elixir, [".exs"] = FileClass.Elixir, [".heex"] = FileClass.Markup, [".eex"] = FileClass.Markup,
        [".leex"] = FileClass.Markup, [".sface"] = FileClass.Markup, [".twig"] = FileClass.Markup, [".latte"] = FileClass.Markup,
        [".php"] = FileClass.Php, [".phtml"] = FileClass.Php,
        [".rs"] = FileClass.Rust,
        [".sh"] = FileClass.Shell, [".cron"] = FileClass.Shell, [".timer"] = FileClass.Properties, [".bash"] = FileClass.Shell, [".zsh"] = FileClass.Shell, [".ps1"] = FileClass.Shell,
        [".psm1"] = FileClass.Shell, [".cmd"] = FileClass.Shell, [".bat"] = FileClass.Shell, [".mk"] = FileClass.Shell,
        [".md"] = FileClass.Docs, [".markdown"] = FileClass.Docs, [".rst"] = FileClass.Docs, [".txt"] = FileClass.Docs,
        [".adoc"] = FileClass.Docs, [".asciidoc"] = FileClass.Docs, [".mdx"] = FileClass.Docs,
        [".yml"] = FileClass.Yaml, [".yaml"] = FileClass.Yaml,
        [".json"] = FileClass.Json, [".jsonc"] = FileClass.Json, [".json5"] = FileClass.Json, [".hjson"] = FileClass.OtherText,
        [".xml"] = FileClass.Xml, [".csproj"] = FileClass.Xml, [".fsproj"] = FileClass.Xml, [".vbproj"] = FileClass.Xml,
        [".props"] = FileClass.Xml, [".targets"] = FileClass.Xml, [".config"] = FileClass.Xml, [".nuspec"] = FileClass.Xml,
        [".jmx"] = FileClass.Xml, [".resx"] = FileClass.Xml, [".slnx"] = FileClass.Xml,
        [".toml"] = FileClass.Toml,
        [".properties"] = FileClass.Properties, [".ini"] = FileClass.Properties, [".cfg"] = FileClass.Properties,
        [".conf"] = FileClass.Properties, [".env"] = FileClass.Properties,
        [".tf"] = FileClass.Terraform, [".tfvars"] = FileClass.Terraform, [".hcl"] = FileClass.Terraform,
        [".bicep"] = FileClass.Bicep, [".bicepparam"] = FileClass.Bicep,
        [".html"] = FileClass.Markup, [".htm"] = FileClass.Markup, [".cshtml"] = FileClass.Markup,
        [".razor"] = FileClass.Markup, [".hbs"] = FileClass.Markup, [".j2"] = FileClass.Markup, [".jinja"] = FileClass.Markup,
        [".tmpl"] = FileClass.Markup, [".tpl"] = FileClass.Markup, [".ejs"] = FileClass.Markup, [".pug"] = FileClass.Markup,
        [".css"] = FileClass.OtherText, [".scss"] = FileClass.OtherText, [".less"] = FileClass.OtherText,
        [".sql"] = FileClass.Sql,
        [".proto"] = FileClass.Proto,
        [".gradle"] = FileClass.Build, [".kts"] = FileClass.Build, [".sbt"] = FileClass.Build, [".sln"] = FileClass.Build,
        [".csv"] = FileClass.OtherText, [".lock"] = FileClass.OtherText, [".gitignore"] = FileClass.OtherText,
        [".dockerignore"] = FileClass.OtherText, [".editorconfig"] = FileClass.OtherText, [".example"] = FileClass.Properties,
        [".sample"] = FileClass.Properties, [".template"] = FileClass.Properties, [".dist"] = FileClass.Properties,
        [".pem"] = FileClass.OtherText, [".key"] = FileClass.OtherText, [".crt"] = FileClass.OtherText,
        [".jwk"] = FileClass.OtherText, [".rsa"] = FileClass.OtherText, [".ndjson"] = FileClass.OtherText,
        [".jenkinsfile"] = FileClass.Build, [".svg"] = FileClass.Markup,
    };

    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".avif", ".tif", ".tiff", ".psd",
        ".dll", ".exe", ".so", ".dylib", ".a", ".o", ".obj", ".pdb", ".class", ".jar", ".war", ".ear", ".pyc",
        ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".nupkg", ".snupkg", ".whl",
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
        ".woff", ".woff2", ".ttf", ".otf", ".eot",
        ".mp3", ".mp4", ".wav", ".ogg", ".mov", ".avi", ".webm", ".flac",
        ".db", ".sqlite", ".sqlite3", ".bin", ".dat", ".pfx", ".p12", ".keystore", ".jks", ".der", ".wasm",
    };

    private static readonly Dictionary<string, FileClass> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dockerfile"] = FileClass.Dockerfile, ["Containerfile"] = FileClass.Dockerfile,
        ["Jenkinsfile"] = FileClass.Build, ["Makefile"] = FileClass.Shell, ["crontab"] = FileClass.Shell, ["Tiltfile"] = FileClass.Build,
        ["Procfile"] = FileClass.Build, ["Gemfile"] = FileClass.Build, ["Rakefile"] = FileClass.Ruby, ["Guardfile"] = FileClass.Ruby,
        ["Brewfile"] = FileClass.Build, ["Capfile"] = FileClass.Ruby, ["Podfile"] = FileClass.Ruby, ["Pipfile"] = FileClass.Toml,
        ["Vagrantfile"] = FileClass.Build, ["Justfile"] = FileClass.Shell, ["Taskfile"] = FileClass.Shell,
        [".env"] = FileClass.Properties, ["LICENSE"] = FileClass.Docs, ["LICENCE"] = FileClass.Docs,
        ["COPYING"] = FileClass.Docs, ["NOTICE"] = FileClass.Docs, ["CODEOWNERS"] = FileClass.OtherText,
        ["go.mod"] = FileClass.Build, ["go.sum"] = FileClass.OtherText, [".gitignore"] = FileClass.OtherText,
        [".npmrc"] = FileClass.Properties, [".nvmrc"] = FileClass.OtherText, [".coveragerc"] = FileClass.Properties,
        [".babelrc"] = FileClass.Json, [".eslintrc"] = FileClass.Json, [".prettierrc"] = FileClass.Json,
        [".renovaterc"] = FileClass.Json, [".snyk"] = FileClass.Yaml, [".releaserc"] = FileClass.Json,
        [".flake8"] = FileClass.Properties, [".pylintrc"] = FileClass.Properties,
    };

    /// <summary>True when the extension names a format that is never text.</summary>
    public static bool IsKnownBinary(string fileName) => BinaryExtensions.Contains(Path.GetExtension(fileName));

    public static FileClass Classify(string fileName)
    {
        if (ByName.TryGetValue(fileName, out var byName))
        {
            return byName;
        }

        // Dockerfile.prod, api.Dockerfile, Dockerfile-dev
        // (but Dockerfile.cs or Dockerfile.test.ts are source files named after Dockerfiles; Dockerfile.tpl stays one)
        var sourceNamedAfterDockerfile = ByExtension.TryGetValue(Path.GetExtension(fileName), out var named) &&
                                         (named & (FileClass.Code | FileClass.Docs | FileClass.Json | FileClass.Yaml)) != 0;
        var dockerfileName = fileName.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase) || fileName.StartsWith("Containerfile", StringComparison.OrdinalIgnoreCase);
        if (dockerfileName && !sourceNamedAfterDockerfile || fileName.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return FileClass.Dockerfile;
        }

        // .env.example, .env.production
        if (fileName.StartsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            return FileClass.Properties;
        }

        var extension = Path.GetExtension(fileName);
        if (extension.Length == 0)
        {
            return FileClass.OtherText;
        }

        if (BinaryExtensions.Contains(extension))
        {
            return FileClass.None;
        }

        return ByExtension.TryGetValue(extension, out var byExtension) ? byExtension : FileClass.OtherText;
    }
}
