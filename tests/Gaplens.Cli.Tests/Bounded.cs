namespace Gaplens.Tests;

/// <summary>Runs work on its own background thread and fails the test when it does not finish in time (a hang).</summary>
internal static class Bounded
{
    public static T Run<T>(TimeSpan limit, string what, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(limit), $"{what} did not finish within {limit.TotalSeconds:0} s");
        if (failure is not null)
        {
            throw new InvalidOperationException($"{what} failed", failure);
        }

        return result;
    }
}
