using TraceReplay.Core.Kernels;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Tests.Infrastructure;
using static TraceReplay.TestSupport.DuckDb;

namespace TraceReplay.Ingest.Tests.Kernels;

/// <summary>Every kernel-trace sample in shared/data ingests, classifies >= 95 % of GPU kernel time, and reads back in DuckDB.</summary>
public sealed class SampleKernelTraceTests
{
    /// <summary>Samples committed under tests/data (a bare clone has them).</summary>
    public static TheoryData<string, string> CommittedSamples => new()
    {
        { "kernels/ncu-csv/a100-llama2-7b-decode/Llama-2-7B-fp16_0_decode_0.EXCERPT_rows0_22.csv", "ncu" },
        { "kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz", "kineto" },
        { "kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz", "kineto" },
    };

    /// <summary>The other samples, in ../shared/data only.</summary>
    public static TheoryData<string, string> Samples => new()
    {
        { "kernels/nsys-sqlite/h100x2-fastvideo/h100_2gpu_1s.sqlite", "nsys-sqlite" },
        { "kernels/nsys-sqlite/h100x2-fastvideo/mfu_2gpu_before.sqlite", "nsys-sqlite" },
        { "kernels/derived/h100x2-fastvideo-cuda_gpu_trace.DERIVED.csv", "nsys-gputrace" },
        { "kernels/nsys-csv/rtx5090-deepseek-ocr/all-stage_summary_cuda_gpu_kern_sum.csv", "nsys-kernsum" },
        { "kernels/nsys-csv/rtx5090-deepseek-ocr/decode_summary_cuda_gpu_kern_sum.csv", "nsys-kernsum" },
        { "kernels/nsys-csv/rtx5090-deepseek-ocr/prefill_summary_cuda_gpu_kern_sum.csv", "nsys-kernsum" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0001_ncu.details.csv", "ncu" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0005_ncu.details.csv", "ncu" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0009_ncu.details.csv", "ncu" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0013_ncu.details.csv", "ncu" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0001_ncu.metrics.csv", "ncu" },
        { "kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0005_ncu.section_SpeedOfLight.csv", "ncu" },
        { "kernels/derived/a100-vllm-kernel-stats/kernels.csv", "kernel-stats" },
    };

    [Theory]
    [MemberData(nameof(CommittedSamples))]
    public Task Committed_sample_ingests_and_95_percent_of_kernel_time_is_classified(string relative, string format) =>
        Sample_ingests_and_95_percent_of_kernel_time_is_classified(relative, format);

    [Theory]
    [MemberData(nameof(Samples))]
    [Trait("Category", "SharedData")]
    public async Task Sample_ingests_and_95_percent_of_kernel_time_is_classified(string relative, string format)
    {
        string input = SharedData.Path(relative);
        Assert.Equal(format, KernelFormats.Detect(input));
        var (counts, output) = await Run.Kernels(input);
        Assert.True(counts.Balanced);
        Assert.True(counts.RowsWritten > 0);
        Assert.Equal(counts.RowsWritten, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)})")));
        double classified = Convert.ToDouble(Scalar(
            $"SELECT sum(CASE WHEN op_class <> 'other' THEN dur_ns ELSE 0 END) / sum(dur_ns) FROM read_parquet({Q(output)}) WHERE kind IN ('kernel','aggregate')"));
        Assert.True(classified >= 0.95, $"only {classified:P1} of kernel time classified");
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE dur_ns < 0 OR name_full IS NULL")));
        string version = (string)Scalar($"SELECT decode(value) FROM parquet_kv_metadata({Q(output)}) WHERE decode(key) = '{KernelColumns.SchemaVersionKey}'")!
            ?? throw new InvalidOperationException();
        Assert.Equal(KernelColumns.SchemaVersion, version);
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task Sqlite_kernels_match_the_source_rows_and_carry_nvtx_paths()
    {
        var (counts, output) = await Run.Kernels(SharedData.Path("kernels/nsys-sqlite/h100x2-fastvideo/h100_2gpu_1s.sqlite"));
        Assert.Equal(3442 + 904 + 22, counts.RowsWritten);
        Assert.Equal(3442L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE kind = 'kernel'")));
        // The derived cuda_gpu_trace CSV was made from this file: its first kernel row is at 155360295935 ns, 4064 ns.
        List<object?[]> row = Rows($"SELECT dur_ns, correlation, grid_x, grid_y, block_x, regs_per_thread, name_short FROM read_parquet({Q(output)}) WHERE start_ns = 155360295935 - 35255823190 AND kind = 'kernel'");
        Assert.Equal(new object?[] { 4064L, 1438831L, 50, 4, 256, 32, "vectorized_gather_kernel" }, row[0]);
        Assert.True(Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE nvtx_path IS NOT NULL")) > 0);
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task Ncu_dram_bytes_are_converted_from_per_value_units()
    {
        var (_, output) = await Run.Kernels(SharedData.Path("kernels/ncu-csv/a100-llama2-7b-decode/Llama-2-7B-fp16_0_decode_0.EXCERPT_rows0_22.csv"));
        // Row 22: gpu__time_duration.sum 28,896 ns, dram__sectors_read.sum 1,049,308 sectors x 32 B.
        List<object?[]> row = Rows($"SELECT dur_ns, dram_read_bytes, dram_write_bytes, grid_x, block_x, op_class FROM read_parquet({Q(output)}) WHERE name_full LIKE 'ampere_fp16%'");
        Assert.Equal(new object?[] { 28896L, 1_049_308L * 32, 196L * 32, 64, 128, "gemm" }, row[0]);
        var (_, details) = await Run.Kernels(SharedData.Path("kernels/ncu-csv/rtx5090-deepseek-ocr/kernel_0001_ncu.details.csv"));
        // dram__bytes_read.sum is 2.33 Mbyte, dram__bytes_write.sum 0 byte; duration 6.75 us.
        row = Rows($"SELECT dur_ns, dram_read_bytes, dram_write_bytes FROM read_parquet({Q(details)})");
        Assert.Equal(new object?[] { 6750L, 2_330_000L, 0L }, row[0]);
    }

    [Fact]
    public async Task Kineto_kernels_keep_launch_config_and_annotation_path()
    {
        var (counts, output) = await Run.Kernels(SharedData.Path("kernels/kineto/b200-vllm-gptoss-tp8/eager_trace.json.gz"));
        Assert.Equal(768L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE kind = 'kernel'")));
        Assert.Equal(161L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE kind = 'memcpy'")));
        List<object?[]> row = Rows($"SELECT dur_ns, regs_per_thread, smem_total_bytes, grid_x, block_x, correlation FROM read_parquet({Q(output)}) WHERE name_full = 'nvjet_tst_64x64_64x16_2x1_2cta_v_bz_bias_TNT' AND correlation = 377");
        Assert.Equal(new object?[] { 7904L, 168, 213656L, 140, 256, 377L }, row[0]);
        Assert.StartsWith("execute_context_1", (string)Scalar($"SELECT nvtx_path FROM read_parquet({Q(output)}) WHERE correlation = 377")!);
        Assert.Equal(0L, counts.RowsRejected);
    }

    [Fact]
    public async Task Kineto_cuda_graph_kernels_get_their_order_in_the_launch()
    {
        string path = Temp.File("graph.json", """
            {"schemaVersion":1,"baseTimeNanoseconds":1700000000000000000,"traceEvents":[
            {"ph":"X","cat":"cuda_runtime","name":"cudaGraphLaunch","pid":1,"tid":1,"ts":10.0,"dur":5.0,"args":{"correlation":42}},
            {"ph":"X","cat":"kernel","name":"nvjet_tst_64x64","pid":0,"tid":7,"ts":20.0,"dur":3.0,"args":{"correlation":42,"grid":[1,1,1],"block":[128,1,1]}},
            {"ph":"X","cat":"kernel","name":"void vllm::rms_norm_kernel<float>(float*)","pid":0,"tid":7,"ts":24.0,"dur":1.5,"args":{"correlation":42}},
            {"ph":"X","cat":"kernel","name":"void flash_fwd_splitkv_kernel<1>(Params)","pid":0,"tid":7,"ts":26.0,"dur":2.0,"args":{"correlation":43}}
            ]}
            """);
        var (counts, output) = await Run.Kernels(path);
        Assert.Equal(3, counts.RowsWritten);
        List<object?[]> rows = Rows($"SELECT graph_node, op_class, start_ns, name_short FROM read_parquet({Q(output)}) ORDER BY start_ns");
        Assert.Equal(new object?[] { 0L, "gemm", 0L, "nvjet_tst_64x64" }, rows[0]);
        Assert.Equal(new object?[] { 1L, "norm", 4000L, "rms_norm_kernel" }, rows[1]);
        Assert.Equal(new object?[] { null, "attention_decode", 6000L, "flash_fwd_splitkv_kernel" }, rows[2]);
    }

    [Fact]
    public async Task Old_gputrace_header_variant_in_microseconds_with_preamble()
    {
        string path = Temp.File("old.csv", """
            Generating SQLite file report.sqlite
             ** CUDA GPU Trace (gputrace):
            Start (us),Duration (us),CorrId,GrdX,GrdY,GrdZ,BlkX,BlkY,BlkZ,Reg/Trd,StcSMem (MB),DymSMem (MB),Bytes (MB),Throughput (MBps),SrcMemKd,DstMemKd,Device,Ctx,Strm,Name
            1000.5,2.25,17,132,1,1,128,1,1,90,0.000,0.049,,,,,NVIDIA H100 80GB HBM3 (0),1,7,"void at::native::elementwise_kernel<128, 4>(int, T1)"
            900.0,1.0,16,,,,,,,,,,1.049,1049.0,Pinned,Device,NVIDIA H100 80GB HBM3 (0),1,7,[CUDA memcpy HtoD]
            """);
        var (counts, output) = await Run.Kernels(path);
        Assert.Equal(2, counts.RowsWritten);
        List<object?[]> rows = Rows($"SELECT start_ns, dur_ns, kind, bytes, smem_dynamic_bytes, device_name, device_idx, op_class FROM read_parquet({Q(output)}) ORDER BY start_ns");
        Assert.Equal(new object?[] { 900_000L, 1000L, "memcpy", 1_049_000L, null, "NVIDIA H100 80GB HBM3", 0, "memcpy" }, rows[0]);
        Assert.Equal(new object?[] { 1_000_500L, 2250L, "kernel", null, 49_000L, "NVIDIA H100 80GB HBM3", 0, "elementwise" }, rows[1]);
        Assert.Equal("1", Scalar($"SELECT decode(value) FROM parquet_kv_metadata({Q(output)}) WHERE decode(key) = 'tracereplay.repair.reordered_rows'"));
    }
}
