using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>The running batch's layout (decodes first, each part in admission order) and its vector passes against the scalar oracle.</summary>
public sealed class RunningBatchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(256)]
    public void Vector_passes_equal_the_scalar_oracle(int n)
    {
        var rng = new Random(n + 1);
        for (int round = 0; round < 50; round++)
        {
            int[] computed = [.. Enumerable.Range(0, n).Select(_ => rng.Next(0, 5000))];
            // Mostly a token ahead (as the engine grants), sometimes short by several blocks, sometimes reserved ahead.
            int[] blocks = [.. computed.Select(c => Math.Max(0, (c + 15) / 16 + rng.Next(-2, 3)))];
            int vNeed = BatchKernels.BlockDemand(computed, blocks, 16, vectorized: true, out bool vFar);
            int sNeed = BatchKernels.BlockDemand(computed, blocks, 16, vectorized: false, out bool sFar);
            Assert.Equal(sFar, vFar);
            if (!sFar)
            {
                Assert.Equal(sNeed, vNeed);
                int[] vBlocks = [.. blocks], sBlocks = [.. blocks];
                BatchKernels.GrowBlocks(vBlocks, computed, 16, vectorized: true);
                BatchKernels.GrowBlocks(sBlocks, computed, 16, vectorized: false);
                Assert.Equal(sBlocks, vBlocks);
                Assert.Equal(blocks.Sum() + sNeed, vBlocks.Sum());
            }
            int[] generated = [.. Enumerable.Range(0, n).Select(_ => rng.Next(1, 100))];
            int[] output = [.. generated.Select(g => g + rng.Next(1, 4))];
            long[] last = [.. Enumerable.Range(0, n).Select(_ => (long)rng.Next(0, 1_000_000))];
            (int[] c, int[] g, long[] l, long[] gaps, bool done) Emit(bool vectorized)
            {
                int[] c = [.. computed], g = [.. generated];
                long[] l = [.. last], gaps = new long[n];
                bool done = BatchKernels.Emit(c, g, output, l, gaps, 2_000_000, vectorized);
                return (c, g, l, gaps, done);
            }
            var v = Emit(true);
            var s = Emit(false);
            Assert.Equal(s.c, v.c);
            Assert.Equal(s.g, v.g);
            Assert.Equal(s.l, v.l);
            Assert.Equal(s.gaps, v.gaps);
            Assert.Equal(s.done, v.done);
            Assert.Equal(Enumerable.Range(0, n).Any(i => generated[i] + 1 >= output[i]), v.done);
        }
    }

    [Fact]
    public void A_prompt_that_finishes_joins_the_decodes_at_its_admission_place()
    {
        var table = new RequestTable();
        var batch = new RunningBatch(table);
        int a = Admit(table, batch, id: 0, prompt: 100), b = Admit(table, batch, id: 1, prompt: 100), c = Admit(table, batch, id: 2, prompt: 100);
        Assert.Equal(0, batch.DecodeCount);
        Assert.False(batch.CompletePiece(c, 100, emitNs: 10)); // c's prompt first: it decodes
        Assert.Equal([c], batch.DecodeSlots.ToArray());
        Assert.False(batch.CompletePiece(a, 100, emitNs: 20));
        Assert.Equal([a, c], batch.DecodeSlots.ToArray()); // admission order, not completion order
        Assert.Equal([b], batch.PrefillSlots.ToArray());
        Assert.Equal([a, b, c], batch.AdmissionOrderSnapshot().ToArray());
        Assert.Equal(20, table.FirstTokenNs[a]);

        // Two tokens more for the decodes: a (output 3) finishes and leaves, c (output 50) stays.
        Assert.True(batch.TryGrowDecodes(2, new BlockManager(100, 16)));
        Assert.True(batch.EmitDecodes(2, 30).IsEmpty);
        Assert.Equal([a], batch.EmitDecodes(2, 45).ToArray());
        Assert.Equal([c], batch.DecodeSlots.ToArray());
        Assert.Equal(3, table.Generated[a]); // given back to the table on leaving
        Assert.Equal(102, table.Computed[a]);
        Assert.Equal(45, table.LastTokenNs[a]);
        Assert.Equal([10L, 15L], batch.TakeGaps(a).ToArray());
        Assert.Equal(102, batch.Computed(c));
        Assert.Equal([b, c], batch.AdmissionOrderSnapshot().ToArray());
    }

    [Fact]
    public void Youngest_is_the_latest_arrival_then_the_larger_id_then_the_first_admitted()
    {
        var table = new RequestTable();
        var batch = new RunningBatch(table);
        int x = Admit(table, batch, id: 5, prompt: 10, arrivalNs: 7);
        Admit(table, batch, id: 9, prompt: 10, arrivalNs: 3);
        Assert.Equal(x, batch.Youngest());
        int y = Admit(table, batch, id: 6, prompt: 10, arrivalNs: 7);
        Assert.Equal(y, batch.Youngest());
        Admit(table, batch, id: 6, prompt: 10, arrivalNs: 7); // a duplicate id admitted later loses the tie
        Assert.Equal(y, batch.Youngest());
    }

    private static int Admit(RequestTable table, RunningBatch batch, long id, int prompt, long arrivalNs = 0)
    {
        int s = table.Allocate(new RequestRecord(id, arrivalNs, prompt, id == 0 ? 3 : 50), 0);
        table.PrefillTarget[s] = prompt;
        table.Blocks[s] = (prompt + 16) / 16;
        batch.Add(s);
        return s;
    }
}
