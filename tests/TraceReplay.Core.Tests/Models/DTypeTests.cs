using System.Text;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Tests.Models;

public sealed class DTypeTests
{
    private const string Llama8B = """
        "model_type": "llama", "hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32,
        "num_hidden_layers": 32, "num_key_value_heads": 8, "vocab_size": 128256
        """;

    private static ModelSpec Load(string extra) =>
        HfConfigLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes("{" + Llama8B + extra + "}")), "test/config.json", "llama-test");

    [Theory]
    [InlineData("bfloat16", DType.Bf16)]
    [InlineData("fp8", DType.Fp8)]
    [InlineData("fp8_block", DType.Fp8Block)]
    [InlineData("int4_wo", DType.Int4Wo)]
    [InlineData("w4a16_mxfp4", DType.Mxfp4)]
    [InlineData("NVFP4", DType.Nvfp4)]
    public void Parses_the_kernel_tables_names(string text, DType expected)
    {
        Assert.True(DTypes.TryParse(text, out DType d));
        Assert.Equal(expected, d);
        Assert.Equal(d, DTypes.Parse(d.ToName(), "round trip"));
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<FormatException>(() => DTypes.Parse("int3", "--weight-dtype"));
        Assert.Contains("--weight-dtype", ex.Message);
        Assert.Contains("fp8_block", ex.Message);
    }

    [Fact]
    public void An_fp8_checkpoint_streams_half_the_weight_bytes_of_bf16()
    {
        ModelSpec bf16 = Load("");
        ModelSpec fp8 = Load(""", "quantization_config": {"quant_method": "fp8", "activation_scheme": "dynamic"}""");
        Assert.Equal(DType.Fp8, fp8.WeightDtype);
        Assert.Equal(bf16.WeightBytes / 2, fp8.WeightBytes, 1e-9 * bf16.WeightBytes);
        var batch = new BatchShape().AddDecodes(8, 100);
        Operator gBf16 = new OperatorGraph(bf16).BuildIteration(batch).First(o => o.Kind == OpKind.MlpUpGate);
        Operator gFp8 = new OperatorGraph(fp8).BuildIteration(batch).First(o => o.Kind == OpKind.MlpUpGate);
        Assert.Equal(gBf16.Bytes.WeightBytes / 2, gFp8.Bytes.WeightBytes);
        Assert.Equal(gBf16.Bytes.ActivationBytes, gFp8.Bytes.ActivationBytes); // activations stay bf16 between kernels
        Assert.Equal(DType.Fp8, gFp8.Dtype);
    }

    [Fact]
    public void Block_scaled_fp8_and_mxfp4_experts_are_read_from_quantization_config()
    {
        Assert.Equal(DType.Fp8Block, Load(""", "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]}""").WeightDtype);
        Assert.Equal(DType.Nvfp4, Load(""", "quantization_config": {"quant_method": "modelopt", "quant_algo": "NVFP4"}""").WeightDtype);
        ModelSpec oss = ModelCatalog.Resolve("gpt-oss-20b");
        Assert.Equal(DType.Bf16, oss.WeightDtype);
        Assert.Equal(DType.Mxfp4, oss.ExpertWeightDtype);
        Assert.Equal(4.25 / 8, oss.ExpertWeightBytesPerParam);
    }

    [Fact]
    public void An_fp8_kv_cache_with_bf16_activations_can_be_written_down()
    {
        ModelSpec m = Load("") with { KvDtype = DType.Fp8 };
        Assert.Equal(Load("").KvBytesPerToken / 2, m.KvBytesPerToken);
        Operator decode = new OperatorGraph(m).BuildIteration(new BatchShape().AddDecodes(4, 1000)).First(o => o.Kind == OpKind.AttentionDecode);
        Assert.Equal(DType.Fp8, decode.Dtype);
        Operator qkv = new OperatorGraph(m).BuildIteration(new BatchShape().AddDecodes(4, 1000)).First(o => o.Kind == OpKind.QkvProj);
        Assert.Equal(4 * (4096.0 + 6144) * 2, qkv.Bytes.ActivationBytes);
    }

    [Fact]
    public void Unknown_quantization_method_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Load(""", "quantization_config": {"quant_method": "bitsandbytes"}"""));
        Assert.Contains("test/config.json", ex.Message);
        Assert.Contains("bitsandbytes", ex.Message);
    }
}
