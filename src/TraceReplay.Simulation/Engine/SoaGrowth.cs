namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Grows the parallel arrays of a struct-of-arrays table together, so their lengths never disagree. Callers double
/// the capacity, which keeps appends amortised O(1) and the hot loop free of allocation once warmed up.
/// </summary>
internal static class SoaGrowth
{
    public static void Resize<T1, T2>(int length, ref T1[] a, ref T2[] b)
    {
        Array.Resize(ref a, length);
        Array.Resize(ref b, length);
    }

    public static void Resize<T1, T2, T3>(int length, ref T1[] a, ref T2[] b, ref T3[] c)
    {
        Resize(length, ref a, ref b);
        Array.Resize(ref c, length);
    }

    public static void Resize<T1, T2, T3, T4>(int length, ref T1[] a, ref T2[] b, ref T3[] c, ref T4[] d)
    {
        Resize(length, ref a, ref b, ref c);
        Array.Resize(ref d, length);
    }
}
