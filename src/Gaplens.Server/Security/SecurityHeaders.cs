using Microsoft.AspNetCore.Http;

namespace Gaplens.Server.Security;

/// <summary>
/// Headers on every response: no sniffing, no framing, no referrer, a strict Content-Security-Policy (the pages
/// need no script at all), HSTS over HTTPS, and no caching of signed-in pages.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Hangfire's dashboard (under /jobs) runs its own scripts and inline styles.</summary>
    public const string JobsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs", StringComparison.Ordinal) ? JobsContentSecurityPolicy : ContentSecurityPolicy;
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (!context.Request.Path.StartsWithSegments("/static", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }

        return next();
    }
}
