using System.Globalization;
using DuckDB.NET.Data;

namespace TraceReplay.TestSupport;

/// <summary>Independent read-back of our Parquet with DuckDB (a separate C++ Parquet implementation), in memory.</summary>
public static class DuckDb
{
    public static List<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using DuckDBCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The first column of the first row (ADO.NET's ExecuteScalar).</summary>
    public static object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using DuckDBCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>The first value as a double.</summary>
    public static double Double(string sql) => Convert.ToDouble(Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>A path quoted for a DuckDB string literal.</summary>
    public static string Q(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
