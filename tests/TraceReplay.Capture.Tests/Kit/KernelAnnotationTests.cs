using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;

namespace TraceReplay.Capture.Tests.Kit;

public sealed class KernelAnnotationTests
{
    [Fact]
    public void Parses_op_shape_and_rep()
    {
        KernelAnnotation a = KernelAnnotation.Parse("tr::qkv_proj::m=1,k=2048,n=2560,tp=2,dtype=bf16,rep=3");
        Assert.Equal(OpKind.QkvProj, a.Kind);
        Assert.Equal(2560, a.Int("n"));
        Assert.Equal(3, a.Rep);
        Assert.True(a.TryGet("dtype", out string? dtype));
        Assert.Equal("bf16", dtype);
        Assert.Equal("tr::qkv_proj::m=1,k=2048,n=2560,tp=2,dtype=bf16,rep=3", a.ToString());
        Assert.Equal(OpKind.MoeExperts, KernelAnnotation.Parse("tr::moe_experts::tokens=1,proj=up_gate").Kind);
        Assert.Null(KernelAnnotation.Parse("tr::future_op::x=1").Kind);
    }

    [Theory]
    [InlineData("aten::mm", "does not start with 'tr::'")]
    [InlineData("tr::qkv_proj", "expected '::' after the op name")]
    [InlineData("tr::QKV::m=1", "op 'QKV'")]
    [InlineData("tr::qkv_proj::", "no key=value pairs")]
    [InlineData("tr::qkv_proj::m", "'m' is not key=value")]
    [InlineData("tr::qkv_proj::m=1,m=2", "key 'm' repeated")]
    [InlineData("tr::qkv_proj::m=1 2", "value '1 2' of 'm'")]
    [InlineData("tr::qkv_proj::M=1", "key 'M'")]
    public void Rejects_names_outside_the_grammar_saying_why(string name, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => KernelAnnotation.Parse(name));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Int_names_the_missing_or_bad_key()
    {
        KernelAnnotation a = KernelAnnotation.Parse("tr::out_proj::m=x");
        Assert.Contains("key 'm' is 'x'", Assert.Throws<FormatException>(() => a.Int("m")).Message);
        Assert.Contains("key 'k' is missing", Assert.Throws<FormatException>(() => a.Int("k")).Message);
    }
}
