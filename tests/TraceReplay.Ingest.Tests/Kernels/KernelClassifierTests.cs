using TraceReplay.Core.Operators;
using TraceReplay.Ingest.Kernels.Classification;
using TraceReplay.Ingest.Tests.Infrastructure;

namespace TraceReplay.Ingest.Tests.Kernels;

public sealed class KernelClassifierTests
{
    [Theory]
    [InlineData("sm90_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize128x128x64_execute_segment_k_off_kernel__5x_cublas", OpClass.Gemm)]
    [InlineData("void flash::flash_fwd_splitkv_kernel<Flash_fwd_kernel_traits<128>>(Flash_fwd_params)", OpClass.AttentionDecode)]
    [InlineData("void flash::flash_fwd_kernel<Flash_fwd_kernel_traits<128>>(Flash_fwd_params)", OpClass.AttentionPrefill)]
    [InlineData("void moe::dev::routing::routingIndicesHistogramKernel<int>(int)", OpClass.RouterTopk)]
    [InlineData("bmm_MxE4m3_MxE2m1MxE4m3_Fp32_t128x16x256u2_s3_swiGlu_dynBatch_sm100f", OpClass.MoeGemm)]
    [InlineData("void vllm::rotary_embedding_kernel<c10::BFloat16, true>(long const*)", OpClass.Rope)]
    [InlineData("ncclDevKernel_AllGather_RING_LL(ncclDevKernelArgsStorage<4096ul>)", OpClass.AllReduce)]
    [InlineData("void cutlass::Kernel2<cutlass_80_tensorop_bf16_s16816gemm_relu_bf16_256x128_32x3_tn_align8>(T1::Params)", OpClass.Gemm)]
    [InlineData("triton_poi_fused_mul_silu_slice_1", OpClass.Activation)]
    [InlineData("my_custom_kernel", OpClass.Other)]
    public void Built_in_table_classifies_real_names(string name, OpClass expected) =>
        Assert.Equal(expected, KernelClassifier.Default.Classify(name));

    [Fact]
    public void User_rules_come_first_and_bad_rules_name_file_and_line()
    {
        string path = Temp.File("classes.csv", "# mine\nsampling,^my_custom_kernel$\n");
        KernelClassifier c = KernelClassifier.WithUserTable(path);
        Assert.Equal(OpClass.Sampling, c.Classify("my_custom_kernel"));
        Assert.Equal(OpClass.Gemm, c.Classify("nvjet_tst_64x64"));
        string bad = Temp.File("bad.csv", "gemm,ok\nconvolution,conv\n");
        var ex = Assert.Throws<FormatException>(() => KernelClassifier.WithUserTable(bad));
        Assert.Contains("bad.csv:2", ex.Message);
    }
}
