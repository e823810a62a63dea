using System.Globalization;

namespace Gaplens.Server.Dashboard;

/// <summary>A point of a history chart: a label (date, commit) and the scores.</summary>
public sealed record ChartPoint(string Label, double Score, double Target);

/// <summary>A bar of the domain chart.</summary>
public sealed record ChartBar(string Label, double Score, double Target);

/// <summary>Charts drawn on the server as SVG: no script, no external resources, every label encoded.</summary>
public static class Charts
{
    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A small trend line of the overall score (0–100), the last point marked.</summary>
    public static Html Sparkline(IReadOnlyList<double> values, int width = 120, int height = 28)
    {
        if (values.Count == 0)
        {
            return Html.Of($"<span class=\"muted\">no scans</span>");
        }

        var step = values.Count == 1 ? 0 : (width - 4) / (double)(values.Count - 1);
        var points = values.Select((v, i) => $"{N(2 + i * step)},{N(Y(v, height))}").ToList();
        var last = points[^1].Split(',');
        var description = $"Overall score over the last {values.Count} scan(s): {string.Join(", ", values.Select(N))}";
        return Html.Of($"<svg class=\"spark\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{description}</title><polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\" points=\"{string.Join(' ', points)}\"/><circle cx=\"{last[0]}\" cy=\"{last[1]}\" r=\"2.5\" fill=\"#2563eb\"/></svg>");
    }

    private static double Y(double score, int height) => 2 + (height - 4) * (1 - Math.Clamp(score, 0, 100) / 100);

    /// <summary>Horizontal bars per domain, with the target as a tick.</summary>
    public static Html DomainBars(IReadOnlyList<ChartBar> bars)
    {
        const int labelWidth = 270, barWidth = 300, row = 22;
        var height = bars.Count * row + 24;
        var rows = bars.Select((b, i) =>
        {
            var y = 8 + i * row;
            var width = barWidth * Math.Clamp(b.Score, 0, 100) / 100;
            var target = labelWidth + barWidth * Math.Clamp(b.Target, 0, 100) / 100;
            var colour = b.Score >= b.Target ? "#16a34a" : b.Score >= b.Target - 20 ? "#d97706" : "#dc2626";
            return Html.Of($"<g><title>{b.Label}: {b.Score} (target {b.Target})</title><text x=\"0\" y=\"{N(y + 13)}\" font-size=\"12\">{b.Label}</text><rect x=\"{labelWidth}\" y=\"{N(y)}\" width=\"{barWidth}\" height=\"16\" fill=\"#e5e7eb\"/><rect x=\"{labelWidth}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"16\" fill=\"{colour}\"/><line x1=\"{N(target)}\" x2=\"{N(target)}\" y1=\"{N(y - 2)}\" y2=\"{N(y + 18)}\" stroke=\"#111827\" stroke-width=\"2\"/><text x=\"{labelWidth + barWidth + 8}\" y=\"{N(y + 13)}\" font-size=\"12\">{b.Score} / {b.Target}</text></g>");
        });
        var totalWidth = labelWidth + barWidth + 80;
        return Html.Of($"<svg class=\"chart\" role=\"img\" aria-label=\"Score per domain against target\" width=\"{totalWidth}\" height=\"{height}\" viewBox=\"0 0 {totalWidth} {height}\" xmlns=\"http://www.w3.org/2000/svg\">{Html.Join(rows)}</svg>");
    }

    /// <summary>Overall score per scan over time, with the target as a dashed line.</summary>
    public static Html History(IReadOnlyList<ChartPoint> points)
    {
        const int width = 640, height = 200, left = 36, right = 12, top = 10, bottom = 28;
        if (points.Count == 0)
        {
            return Html.Of($"<p class=\"muted\">No scans yet.</p>");
        }

        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        double X(int i) => left + (points.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(points.Count - 1));
        double Yp(double v) => top + plotHeight * (1 - Math.Clamp(v, 0, 100) / 100);
        var grid = new[] { 0, 25, 50, 75, 100 }.Select(v => Html.Of($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{N(Yp(v))}\" y2=\"{N(Yp(v))}\" stroke=\"#e5e7eb\"/><text x=\"{left - 6}\" y=\"{N(Yp(v) + 4)}\" font-size=\"10\" text-anchor=\"end\">{v}</text>"));
        var line = string.Join(' ', points.Select((p, i) => $"{N(X(i))},{N(Yp(p.Score))}"));
        var target = string.Join(' ', points.Select((p, i) => $"{N(X(i))},{N(Yp(p.Target))}"));
        var dots = points.Select((p, i) => Html.Of($"<circle cx=\"{N(X(i))}\" cy=\"{N(Yp(p.Score))}\" r=\"3\" fill=\"#2563eb\"><title>{p.Label}: {p.Score} (target {p.Target})</title></circle>"));
        var labels = points.Count <= 1
            ? [Html.Of($"<text x=\"{N(X(0))}\" y=\"{height - 8}\" font-size=\"10\" text-anchor=\"middle\">{points[0].Label}</text>")]
            : new[] { 0, points.Count - 1 }.Select(i => Html.Of($"<text x=\"{N(X(i))}\" y=\"{height - 8}\" font-size=\"10\" text-anchor=\"{(i == 0 ? "start" : "end")}\">{points[i].Label}</text>"));
        return Html.Of($"<svg class=\"chart\" role=\"img\" aria-label=\"Overall score per scan\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">{Html.Join(grid)}<polyline fill=\"none\" stroke=\"#6b7280\" stroke-dasharray=\"4 3\" points=\"{target}\"/><polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"{line}\"/>{Html.Join(dots)}{Html.Join(labels)}</svg>");
    }
}
