using TraceReplay.TestSupport;

namespace TraceReplay.Benchmarks.Ingest;

/// <summary>Kernel-trace samples for the ingest benchmarks, found through the test-support <see cref="SharedData"/>.</summary>
public static class SharedSamples
{
    /// <summary>
    /// The two largest kernel trace samples (by file size) in ../shared/data: an Nsight Systems SQLite export and a gzipped
    /// Kineto trace (committed under tests/data). In a bare clone (no ../shared) the SQLite export is replaced by the
    /// committed H100 Kineto sample, so that <c>make bench-smoke</c> runs everywhere; published figures (BENCHMARKS.md)
    /// come from the two largest.
    /// </summary>
    public static string[] LargestKernelTraces => SharedData.IsPresent
        ?
        [
            "kernels/nsys-sqlite/h100x2-fastvideo/mfu_2gpu_before.sqlite",
            "kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz",
        ]
        :
        [
            "kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz",
            "kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz",
        ];

    public static string Path(string relative) => SharedData.Path(relative);
}
