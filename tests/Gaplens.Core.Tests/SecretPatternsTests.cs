using Gaplens.Core.Secrets;

namespace Gaplens.Core.Tests;

public sealed class SecretPatternsTests
{
    [Theory]
    [InlineData("key = \"AKIAZZ3QWERTYUIOPASD\"", "AKIA****")]
    [InlineData("token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "ghp_****")]
    [InlineData("STRIPE=sk_live_abcdefghijklmnopqrstuvwx", "sk_l****")]
    public void Mask_leaves_at_most_a_four_character_prefix(string line, string expected)
    {
        var masked = SecretPatterns.Mask(line);

        Assert.Contains(expected, masked, StringComparison.Ordinal);
        Assert.DoesNotContain("QWERTYUIOP", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("NoPqRsTu", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghij", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_secrets_is_unchanged()
    {
        const string text = "app.MapGet(\"/health\", () => \"ok\");";

        Assert.Equal(text, SecretPatterns.Mask(text));
    }
}
