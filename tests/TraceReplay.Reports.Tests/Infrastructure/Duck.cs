using DuckDB.NET.Data;

namespace TraceReplay.Reports.Tests.Infrastructure;

/// <summary>Queries Parquet files with DuckDB (an independent implementation) in an in-memory database.</summary>
public static class Duck
{
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
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

    public static double Scalar(string sql) => Convert.ToDouble(Query(sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A path quoted for a DuckDB string literal.</summary>
    public static string Lit(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
