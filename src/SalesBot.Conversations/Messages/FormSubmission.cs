namespace SalesBot.Conversations.Messages;

/// <summary>
/// A form submit or a button press: the verb of the action and the values of the inputs (always
/// strings, as every channel sends them; the flow decides what is a number).
/// </summary>
public sealed record FormSubmission(string Verb, IReadOnlyDictionary<string, string> Values)
{
    public string? Value(string key) => Values.TryGetValue(key, out var v) ? v : null;
}
