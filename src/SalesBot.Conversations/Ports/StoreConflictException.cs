namespace SalesBot.Conversations.Ports;

/// <summary>
/// A write found the record in another state than it expected: another instance or turn saved first.
/// Nothing of the change set that failed is half-applied in a way a re-run cannot complete; the caller
/// reads again and retries.
/// </summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message)
        : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
