using System.Text.Json;
using TraceReplay.Capture.Tests.Infrastructure;
using TraceReplay.Core.Kernels;

namespace TraceReplay.Capture.Tests.Kit;

/// <summary>The kit's --dry-run, run as a real python3 process (no torch, no GPU).</summary>
public sealed class CaptureKitDryRunTests
{
    [PythonFact]
    public void Full_plan_for_qwen3_moe_at_tp2_has_the_issue_shapes()
    {
        JsonElement plan = DryRunJson("qwen3-30b-a3b", "--tp", "2", "--plan", "full");
        KernelAnnotation[] m = Measurements(plan);
        // Expected values computed here from the config: hidden 2048, 32 q / 4 kv heads of 128, 128 experts top-8 of 768.
        long[] gemmTokens = [.. m.Where(a => a.Op == "qkv_proj").Select(a => a.Int("m"))];
        Assert.Equal(1, gemmTokens.Min());
        Assert.Equal(16384, gemmTokens.Max());
        Assert.Contains(3 * 1024L, gemmTokens);
        Assert.All(m.Where(a => a.Op == "qkv_proj"), a => Assert.Equal((16 + 2 * 2) * 128, a.Int("n")));
        Assert.All(m.Where(a => a.Op == "out_proj"), a => Assert.Equal((2048L, 2048L), (a.Int("k"), a.Int("n"))));
        KernelAnnotation[] moe = [.. m.Where(a => a.Op == "moe_experts")];
        Assert.Contains(moe, a => a.Int("tokens") == 1 && a.Int("experts") == 8 && a.Int("m") == 1);
        Assert.Contains(moe, a => a.Int("tokens") == 16384 && a.Int("experts") == 128 && a.Int("m") == 16384 * 8 / 128);
        Assert.All(moe.Where(a => a.TryGet("proj", out string? p) && p == "up_gate"), a => Assert.Equal((2048L, 768L), (a.Int("k"), a.Int("n"))));
        Assert.Contains(m, a => a.Op == "attention_prefill" && a.Int("b") * a.Int("q") == 16384);
        Assert.Contains(m, a => a.Op == "attention_decode" && a.Int("ctx") == 32768);
        Assert.All(m.Where(a => a.Op.StartsWith("attention", StringComparison.Ordinal)), a => Assert.Equal((16L, 2L), (a.Int("hq"), a.Int("hkv"))));
        Assert.DoesNotContain(m, a => a.Op == "attn_all_reduce"); // one GPU assumed: no collective
        Assert.DoesNotContain(m, a => a.Op is "mlp_up_gate" or "mlp_down"); // every qwen3_moe layer is MoE
    }

    [PythonFact]
    public void All_reduce_sizes_appear_only_with_several_gpus_and_respect_max_tokens()
    {
        KernelAnnotation[] m = Measurements(DryRunJson("llama-3-8b", "--tp", "4", "--gpus", "4", "--max-tokens", "512"));
        KernelAnnotation[] reduce = [.. m.Where(a => a.Op == "attn_all_reduce")];
        Assert.NotEmpty(reduce);
        Assert.All(reduce, a => Assert.Equal(a.Int("tokens") * 4096 * 2, a.Int("bytes")));
        Assert.All(reduce, a => Assert.Equal(4, a.Int("world")));
        Assert.All(m.Where(a => a.Op == "mlp_up_gate"), a => Assert.Equal(2 * 14336 / 4, a.Int("n")));
        Assert.True(m.Where(a => a.TryGet("m", out _) && a.Op != "moe_experts").All(a => a.Int("m") <= 512));
        Assert.True(m.Where(a => a.Op == "attention_prefill").All(a => a.Int("b") * a.Int("q") <= 512));
    }

    [PythonFact]
    public void Every_op_the_kit_emits_is_a_TraceReplay_operator_kind()
    {
        // DeepSeek-V3 (MLA, shared experts, dense first layers) at TP 8 exercises every op the planner knows.
        KernelAnnotation[] m = Measurements(DryRunJson("deepseek-v3", "--tp", "8", "--gpus", "8", "--plan", "full"));
        string[] ops = [.. m.Select(a => a.Op).Distinct()];
        Assert.Contains("mla_kv_up", ops);
        Assert.Contains("shared_experts", ops);
        Assert.Contains("attn_all_reduce", ops);
        Assert.All(m, a => Assert.True(a.Kind is not null, $"'{a}' names no OpKind"));
        // Absorbed MLA decode: one latent head of kv_lora + rope = 576.
        Assert.All(m.Where(a => a.Op == "attention_decode"), a => Assert.Equal((1L, 576L, 512L), (a.Int("hkv"), a.Int("d"), a.Int("dv"))));
    }

    [PythonFact]
    public void Text_dry_run_prints_the_plan_without_torch()
    {
        // A poisoned torch on PYTHONPATH: the dry run and --simulate must never import it.
        string poison = Directory.CreateTempSubdirectory("tr-poison-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(poison, "torch"));
            File.WriteAllText(Path.Combine(poison, "torch", "__init__.py"), "raise ImportError('torch must not be imported by --dry-run')\n");
            var env = new Dictionary<string, string> { ["PYTHONPATH"] = poison };
            (int code, string stdout, string stderr) = CaptureKit.Run(["--config", RepoPaths.ModelConfig("mixtral-8x7b"), "--tp", "2", "--dry-run"], env);
            Assert.True(code == 0, stderr);
            Assert.Contains("moe_experts", stdout);
            Assert.Contains("tr::qkv_proj::m=1,k=4096,n=3072,tp=2,dtype=bf16", stdout);
            (code, _, stderr) = CaptureKit.Run(["--config", RepoPaths.ModelConfig("mixtral-8x7b"), "--simulate", "a100", "--out", Path.Combine(poison, "sim")], env);
            Assert.True(code == 0, stderr);
        }
        finally
        {
            Directory.Delete(poison, recursive: true);
        }
    }

    [PythonFact]
    public void Bad_config_is_rejected_naming_the_file_and_field()
    {
        string dir = Directory.CreateTempSubdirectory("tr-badcfg-").FullName;
        try
        {
            string path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, """{"model_type": "llama", "num_attention_heads": 32}""");
            (int code, _, string stderr) = CaptureKit.Run(["--config", path, "--dry-run"]);
            Assert.Equal(2, code);
            Assert.Contains(path, stderr);
            Assert.Contains("'hidden_size' is missing", stderr);
            File.WriteAllText(path, """{"model_type": "llama", "hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 2, "vocab_size": 10, "intermediate_size": 100}""");
            (code, _, stderr) = CaptureKit.Run(["--config", path, "--dry-run", "--tp", "3"]);
            Assert.Equal(2, code);
            Assert.Contains("num_attention_heads = 32 does not split over TP 3", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static JsonElement DryRunJson(string model, params string[] args)
    {
        (int code, string stdout, string stderr) = CaptureKit.Run(["--config", RepoPaths.ModelConfig(model), "--dry-run", "--json", .. args]);
        Assert.True(code == 0, $"capture.py exited {code}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static KernelAnnotation[] Measurements(JsonElement plan) =>
        [.. plan.GetProperty("measurements").EnumerateArray().Select(m => KernelAnnotation.Parse(m.GetProperty("annotation").GetString()!))];
}
