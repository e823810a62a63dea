namespace Gaplens.Tests;

/// <summary>Tests that build Gaplens in Release from source (pack, clone and run) take turns: two at once starve a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseBuilds
{
    public const string Name = "Release builds";
}
