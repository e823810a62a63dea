namespace Gaplens.Core.Files;

/// <summary>What kind of text a file holds, decided from its name alone so that it costs nothing per file.</summary>
[Flags]
public enum FileClass
{
    None = 0,
    CSharp = 1 << 0,
    JavaScript = 1 << 1,
    Python = 1 << 2,
    Java = 1 << 3,
    Go = 1 << 4,
    Ruby = 1 << 5,
    Php = 1 << 6,
    Rust = 1 << 7,
    Shell = 1 << 8,
    Docs = 1 << 9,
    Yaml = 1 << 10,
    Json = 1 << 11,
    Xml = 1 << 12,
    Toml = 1 << 13,
    Properties = 1 << 14,
    Terraform = 1 << 15,
    Bicep = 1 << 16,
    Dockerfile = 1 << 17,
    Markup = 1 << 18,
    Sql = 1 << 19,
    Proto = 1 << 20,
    Build = 1 << 21,
    OtherText = 1 << 22,
    Elixir = 1 << 23,

    /// <summary>Application source code in any language.</summary>
    Code = CSharp | JavaScript | Python | Java | Go | Ruby | Php | Rust | Elixir,

    /// <summary>Structured configuration and deployment descriptors.</summary>
    Config = Yaml | Json | Xml | Toml | Properties | Terraform | Bicep | Dockerfile | Build,

    AnyText = Code | Shell | Docs | Config | Markup | Sql | Proto | OtherText,
}
