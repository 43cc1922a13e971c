using System.Globalization;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// Which grid points this process runs: shard <see cref="Index"/> (0-based) of <see cref="Count"/> takes the points
/// whose index modulo Count is Index, so every shard gets a mix of cheap and expensive points.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    public bool Owns(int pointIndex) => pointIndex % Count == Index;

    public override string ToString() => FormattableString.Invariant($"{Index}/{Count}");

    /// <summary>
    /// <c>--shard i/N</c> wins; else the index comes from <c>JOB_COMPLETION_INDEX</c> (Kubernetes Indexed Job, 0-based)
    /// or <c>SLURM_ARRAY_TASK_ID</c> minus <c>SLURM_ARRAY_TASK_MIN</c> (Slurm array, any base), and the count from
    /// <c>--shards</c>, else <c>SLURM_ARRAY_TASK_COUNT</c>. Nothing set: the whole grid.
    /// </summary>
    public static ShardSpec Resolve(string? shard, int? shards, Func<string, string?> env)
    {
        if (shard is not null)
        {
            string[] p = shard.Split('/');
            if (p.Length == 2 && Int(p[0], out int i) && Int(p[1], out int n))
            {
                return Checked(i, n, $"--shard {shard}");
            }
            throw new ArgumentException($"--shard '{shard}': expected i/N with 0 <= i < N (0-based), e.g. 0/8");
        }
        string? k8s = env("JOB_COMPLETION_INDEX"), slurm = env("SLURM_ARRAY_TASK_ID");
        if (k8s is null && slurm is null)
        {
            return shards is null or 1 ? Whole : throw new ArgumentException("--shards given but no shard index: pass --shard i/N or run as a Kubernetes Indexed Job or Slurm array");
        }
        string source = k8s is not null ? "JOB_COMPLETION_INDEX" : "SLURM_ARRAY_TASK_ID";
        if (!Int((k8s ?? slurm)!, out int index))
        {
            throw new ArgumentException($"{source}='{k8s ?? slurm}': expected a non-negative integer");
        }
        if (k8s is null && env("SLURM_ARRAY_TASK_MIN") is string min && Int(min, out int m))
        {
            index -= m;
        }
        int? count = shards ?? (k8s is null && env("SLURM_ARRAY_TASK_COUNT") is string c && Int(c, out int sc) ? sc : null);
        return count is int total ? Checked(index, total, source)
            : throw new ArgumentException($"{source} is set but the shard count is not: pass --shards N (the Job's completions / the array's size)");
    }

    private static ShardSpec Checked(int i, int n, string source) =>
        n >= 1 && i >= 0 && i < n ? new ShardSpec(i, n) : throw new ArgumentException($"{source}: shard {i} of {n} is out of range (0 <= i < N)");

    private static bool Int(string s, out int v) => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out v);
}
