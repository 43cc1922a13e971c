using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class KvLinkTests
{
    [Fact]
    public void Concurrent_transfers_share_the_link_and_each_one_alone_drains_at_full_bandwidth()
    {
        var link = new KvLink(bytesPerNsPerGpu: 50); // 400 Gb/s
        KvTransfer a = new() { RemainingBytesPerGpu = 1_000_000 }, b = new() { RemainingBytesPerGpu = 3_000_000 };
        link.Start(a, 0);
        Assert.Equal(20_000, link.NextDrainNs()); // alone: 1 MB at 50 B/ns
        link.Start(b, 10_000); // a has 500 kB left; now two share 25 B/ns each
        Assert.Equal(30_000, link.NextDrainNs());
        var done = new List<KvTransfer>();
        link.Drain(30_000, done);
        Assert.Equal([a], done);
        // b sent 500 kB while sharing, 2.5 MB left alone: 50 us more.
        Assert.Equal(80_000, link.NextDrainNs());
        done.Clear();
        link.Drain(80_000, done);
        Assert.Equal([b], done);
        Assert.Equal(0, link.Active);
        Assert.Equal(long.MaxValue, link.NextDrainNs());
    }
}
