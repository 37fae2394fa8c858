using System.Net.Sockets;
using System.Text;

namespace Trachea.Tests.Proxy;

/// <summary>
/// HTTP/1.1 written by hand, for what HttpClient would tidy up: paths exactly as given (dot segments, '//',
/// encodings) and a header sent on several lines.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
    {
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    public static async Task<Response> SendAsync(Uri server, string method, string target, params (string Name, string Value)[] headers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var request = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        request.Append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(timeout.Token);
        return Parse(text);
    }

    private static Response Parse(string text)
    {
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..headEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(line => (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var body = text[(headEnd + 4)..];
        if (headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Item2.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Unchunk(body);
        }

        return new Response(status, headers, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
