using System.Globalization;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests.KernelDb;

/// <summary>
/// Sweeps of one work axis written as measured-kernel table rows (latency column a placeholder), read back through the
/// same reader the calibration uses, and predicted with a calibration: what the monotonicity and extrapolation tests check.
/// </summary>
internal static class KernelCurveSweeps
{
    public const string Prefix = "vLLM,0.14.0,test,";

    /// <summary>Family prefix -> (CSV header, row builder for one axis value, the axis values, growth exponent in the axis).</summary>
    public static IEnumerable<(string Name, string Header, Func<long, string> Row, long[] Axis, double Exponent)> For(string family)
    {
        string dtype = family[(family.IndexOf(':') + 1)..].Replace("kv_", "", StringComparison.Ordinal);
        long[] tokens = [1, 2, 3, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048, 4096, 8192, 16384];
        if (family.StartsWith("gemm:", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,gemm_dtype,m,n,k,latency";
            foreach ((long n, long k) in new[] { (4096L, 4096L), (6144L, 2048L), (512L, 7168L), (151936L, 2048L) })
            {
                yield return ($"m at n={n} k={k}", h, m => $"{Prefix}gemm,x,{dtype},{m},{n},{k},1", tokens, 1);
            }
            yield return ("n at m=64 k=4096", h, n => $"{Prefix}gemm,x,{dtype},64,{n},4096,1", [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768], 1);
            yield return ("k at m=512 n=4096", h, k => $"{Prefix}gemm,x,{dtype},512,4096,{k},1", [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768], 1);
        }
        else if (family.StartsWith("moe:", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,moe_dtype,num_tokens,hidden_size,inter_size,topk,num_experts,moe_tp_size,moe_ep_size,distribution,latency";
            // Qwen3-30B-A3B at TP 2 (a shape the tables leave out), GPT-OSS-120B, Mixtral. Balanced routing only: the
            // collector's synthetic power law can hit fewer experts at 3 tokens than at 2 (less work), so it is no axis of
            // work; the replay's own routing models are (their expected experts hit never fall as tokens grow).
            foreach ((int hidden, int inter, int k, int e, int tp) in new[] { (2048, 768, 8, 128, 2), (2880, 2880, 4, 128, 1), (4096, 14336, 2, 8, 2) })
            {
                yield return ($"tokens at h={hidden} ffn={inter} E={e} k={k} tp={tp}", h, t => $"{Prefix}moe,x,{dtype},{t},{hidden},{inter},{k},{e},{tp},1,balanced,1", tokens, 1);
            }
        }
        else if (family.StartsWith("attention_prefill", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,batch_size,isl,num_heads,num_key_value_heads,head_dim,attn_dtype,kv_cache_dtype,step,latency";
            string kv = dtype == "bf16" ? "bfloat16" : dtype;
            yield return ("prompt tokens at batch 1, 16/2 heads", h, isl => $"{Prefix}context_attention,x,1,{isl},16,2,128,bfloat16,{kv},0,1", tokens, 2);
            yield return ("batch at 1024 tokens, 32/8 heads", h, b => $"{Prefix}context_attention,x,{b},1024,32,8,128,bfloat16,{kv},0,1", [1, 2, 3, 4, 8, 16, 32, 64], 1);
        }
        else if (family.StartsWith("attention_decode", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,batch_size,isl,num_heads,num_key_value_heads,head_dim,attn_dtype,kv_cache_dtype,step,latency";
            string kv = dtype == "bf16" ? "bfloat16" : dtype;
            yield return ("context at batch 8, 32/4 heads", h, c => $"{Prefix}generation_attention,x,8,{c},32,4,128,bfloat16,{kv},0,1", [.. tokens, 32768, 65536, 131072], 1);
            yield return ("batch at context 4096, 16/2 heads", h, b => $"{Prefix}generation_attention,x,{b},4096,16,2,128,bfloat16,{kv},0,1", [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], 1);
        }
        else if (family.StartsWith("allreduce:", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,allreduce_dtype,num_gpus,message_size,latency,backend";
            string backend = family["allreduce:".Length..];
            long[] sizes = [.. Enumerable.Range(7, 24).Select(i => 1L << i)];
            foreach (int gpus in new[] { 2, 4, 8 })
            {
                yield return ($"message at {gpus} GPUs", h, s => $"{Prefix}all_reduce,x,bfloat16,{gpus},{s},1,{backend}", sizes, 1);
            }
        }
        else if (family.StartsWith("nccl:", StringComparison.Ordinal))
        {
            const string h = "framework,version,device,op_name,kernel_source,nccl_dtype,num_gpus,message_size,latency";
            string op = family["nccl:".Length..];
            long[] sizes = [.. Enumerable.Range(7, 24).Select(i => 1L << i)];
            yield return ("message at 8 GPUs", h, s => $"NCCL,2.27.3,test,{op},x,half,8,{s},1", sizes, 1);
        }
    }

    /// <summary>Predicted microseconds of each axis value (through the table reader and the replay's cost model).</summary>
    public static double[] Predict(string header, Func<long, string> row, IEnumerable<long> axis, CalibratedCostModel model, TempDir dir)
    {
        string path = dir.File($"sweep-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, header + "\n" + string.Join("\n", axis.Select(row)) + "\n");
        KernelTable t = KernelTable.Read(path);
        var result = new double[t.Rows.Count];
        for (int r = 0; r < t.Rows.Count; r++)
        {
            Assert.True(KernelSamples.TryRow(t, r, "sweep", out KernelSample s, out string? why), why);
            result[r] = LatencyOf(model, s);
        }
        return result;
    }

    /// <summary>The family's own curve (not the replay's choice by token count) for the sample's operator.</summary>
    private static double LatencyOf(CalibratedCostModel model, KernelSample s) =>
        TraceReplay.Calibration.Fitting.LatencyForm.PredictUs(s.Sample.Op, model.Gpu, model.Calibration.Kernels[s.Sample.OpName].Params);

    public static CalibratedCostModel Shipped(string gpu)
    {
        GpuCalibration cal = CalibrationStore.Load(gpu);
        return new CalibratedCostModel(GpuCatalog.Resolve(cal.Gpu), cal);
    }

    public static string Inv(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
