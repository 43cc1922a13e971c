using TraceReplay.Cli.Validation;
using TraceReplay.Core.Models;

namespace TraceReplay.Cli.Tests.Validation;

public sealed class DeploymentMapperTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-mapper-").FullName;
    private static readonly MeasuredPoint s_llama = new()
    {
        Location = "t:2", Model = "meta-llama/Llama-3.1-70B", Gpu = "h200_sxm", Tp = 4, MoeTp = 4, Isl = 1024, Osl = 128, Concurrency = 8,
        GemmQuant = "fp8", MoeQuant = "fp8", TtftMs = 100, TpotMs = 10,
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_point_becomes_its_closed_loop_benchmark_on_vllm_v1_with_vllms_defaults_for_the_gpu()
    {
        ValidationCase c = new DeploymentMapper(new ValidationSettings { RequestsPerClient = 7 }).Map(s_llama);
        Assert.True(c.Expressible);
        Assert.Equal(("Llama-3.1-70B", "h200", 4, "vllm-v1"), (c.Options!.Model, c.Options.Gpu, c.Options.TensorParallel, c.Options.Scheduler));
        Assert.Equal((1024, 8192), (c.Options.MaxSequences, c.Options.MaxBatchedTokens));
        Assert.Equal((8, 56, 1024, 128), (c.Workload!.Concurrency, c.Workload.NumRequests, c.Workload.InputTokens, c.Workload.OutputTokens));
        Assert.Equal(DType.Fp8, c.Options.WeightDtype); // vLLM --quantization fp8 on a bf16 checkpoint: per-tensor
    }

    [Theory]
    [InlineData(2, 1, 1, 4, "pipeline parallel pp 2")]
    [InlineData(1, 4, 1, 4, "attention data parallel dp 4")]
    [InlineData(1, 1, 4, 1, "expert parallel ep 4")]
    [InlineData(1, 1, 1, 2, "expert tp 2 differs from attention tp 4")]
    public void Unmodelled_parallelism_is_a_note_not_a_wrong_replay(int pp, int dp, int ep, int moeTp, string expected)
    {
        MeasuredPoint p = s_llama with { Model = "Qwen/Qwen3-235B-A22B-FP8", Pp = pp, AttentionDp = dp, MoeEp = ep, MoeTp = moeTp };
        ValidationCase c = new DeploymentMapper(new ValidationSettings()).Map(p);
        Assert.False(c.Expressible);
        Assert.Contains("unmodelled parallelism: " + expected, c.Note);
    }

    [Fact]
    public void Unknown_systems_models_and_quant_modes_are_notes_that_say_what_was_expected()
    {
        var m = new DeploymentMapper(new ValidationSettings());
        Assert.Contains("expected one of h200_sxm", m.Map(s_llama with { Gpu = "mi300x" }).Note);
        Assert.Contains("pass --models DIR holding DIR/acme/Nope-7B/config.json", m.Map(s_llama with { Model = "acme/Nope-7B" }).Note);
        Assert.Contains("unknown gemm_quant_mode 'int3'", m.Map(s_llama with { GemmQuant = "int3" }).Note);
    }

    [Fact]
    public void Quant_modes_map_to_weight_formats_by_gpu_and_checkpoint()
    {
        var m = new DeploymentMapper(new ValidationSettings());
        MeasuredPoint oss = s_llama with { Model = "openai/gpt-oss-120b", Tp = 1, MoeTp = 1, GemmQuant = "nvfp4", MoeQuant = "nvfp4" };
        Assert.Equal(DType.Mxfp4, m.Map(oss).Options!.ExpertWeightDtype);                       // Hopper: FP4 weights run weight-only
        Assert.Equal(DType.Nvfp4, m.Map(oss with { Gpu = "b200_sxm" }).Options!.ExpertWeightDtype); // Blackwell: FP4 tensor cores
        MeasuredPoint qwen = s_llama with { Model = "Qwen/Qwen3-235B-A22B-FP8", Tp = 4, MoeTp = 4 };
        Assert.Equal(DType.Fp8Block, m.Map(qwen).Options!.WeightDtype);                          // the checkpoint's block scaling kept
        Assert.Null(m.Map(qwen with { GemmQuant = "", MoeQuant = "" }).Options!.WeightDtype);    // empty: the checkpoint's own format
    }

    [Fact]
    public void Models_resolve_from_a_hugging_face_snapshot_folder_before_the_catalogue()
    {
        string config = Path.Combine(_dir, "acme", "Tiny-1B", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, """
            {"model_type": "llama", "hidden_size": 2048, "intermediate_size": 8192, "num_attention_heads": 16, "num_key_value_heads": 8,
             "num_hidden_layers": 16, "vocab_size": 32000}
            """);
        ValidationCase c = new DeploymentMapper(new ValidationSettings { ModelsDir = _dir }).Map(s_llama with { Model = "acme/Tiny-1B", Tp = 1 });
        Assert.True(c.Expressible, c.Note);
        Assert.Equal(config, c.Options!.Model);
    }
}
