// An Azure Functions-style HTTP trigger: parse, look up stock over HTTP, answer.
using System.Net.Http;
using System.Text.Json;

public static class OrderFunction
{
    static readonly HttpClient Client = new HttpClient();

    public static async Task<Result> Run(Order order)
    {
        if (order == null || order.Items.Count == 0) return Result.BadRequest("empty order");
        var missing = new List<string>();
        foreach (var item in order.Items)
        {
            var stock = await Client.GetStringAsync($"https://stock.example/{item.Sku}");
            if (JsonSerializer.Deserialize<int>(stock) < item.Quantity) missing.Add(item.Sku);
        }
        return missing.Count == 0 ? Result.Ok(order.Id) : Result.Conflict(missing);
    }
}
