using System.Net;
using System.Net.Http.Headers;

namespace SalesBot.Bench;

/// <summary>
/// A request body written from pre-built byte segments (shared prefix, the unique activity id, the text,
/// the user's part), so the load generator spends its cycles sending rather than serializing JSON.
/// </summary>
internal sealed class SegmentContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly ReadOnlyMemory<byte>[] _segments;

    public SegmentContent(params ReadOnlyMemory<byte>[] segments)
    {
        _segments = segments;
        Headers.ContentType = Json;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment, cancellationToken);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var segment in _segments)
        {
            length += segment.Length;
        }

        return true;
    }

    public override string ToString() => string.Concat(_segments.Select(s => System.Text.Encoding.UTF8.GetString(s.Span)));
}
