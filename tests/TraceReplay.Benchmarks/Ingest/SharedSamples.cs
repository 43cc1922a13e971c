namespace TraceReplay.Benchmarks.Ingest;

/// <summary>The team's read-only sample data (shared/data beside or above the checkout), for kernel-trace benchmarks.</summary>
public static class SharedSamples
{
    /// <summary>The two largest kernel trace samples (by file size): an Nsight Systems SQLite export and a gzipped Kineto trace.</summary>
    public static readonly string[] LargestKernelTraces =
    [
        "kernels/nsys-sqlite/h100x2-fastvideo/mfu_2gpu_before.sqlite",
        "kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz",
    ];

    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string root in new[] { System.IO.Path.Combine(dir.FullName, "shared", "data"), System.IO.Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                string candidate = System.IO.Path.Combine(root, relative);
                if (File.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }
        throw new FileNotFoundException($"shared/data/{relative} not found beside or above {AppContext.BaseDirectory}");
    }
}
