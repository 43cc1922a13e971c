using System.Reflection;
using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Report;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Tests.Compare;

/// <summary>compare, report and sweep name, unit and grade metrics through the one catalogue.</summary>
public sealed class MetricCatalogueUseTests
{
    [Fact]
    public void Catalogue_names_are_unique_and_each_has_a_unit_and_a_description()
    {
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(MetricCatalog.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Unit) || string.IsNullOrWhiteSpace(m.Description), m.Name));
    }

    [Fact]
    public void Every_metric_name_constant_has_a_catalogue_entry_and_every_entry_a_constant()
    {
        string[] constants = [.. typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];
        Assert.Equal(constants.Order(StringComparer.Ordinal), MetricCatalog.All.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compare_judges_catalogue_entries_with_their_unit_direction_and_description()
    {
        Assert.All(ComparedMetrics.All, d =>
        {
            Assert.Same(MetricCatalog.Find(d.Name), d.Metric);
            Assert.NotEqual(Better.Neither, d.Better);
            Assert.StartsWith(d.Metric.Description, d.Definition, StringComparison.Ordinal);
        });
        Assert.All(ComparePolicy.Default.Metrics.Keys, k => Assert.NotNull(ComparedMetrics.Find(k)));
    }

    [Fact]
    public void Report_and_sweep_columns_are_catalogue_entries()
    {
        Assert.All(ReportBuilder.GlanceMetrics, k => Assert.NotNull(ComparedMetrics.Find(k)));
        Assert.All(SweepColumns.Metrics, c => Assert.Same(MetricCatalog.Find(c.Name), c.Metric));
    }
}
