namespace SalesBot.Core;

/// <summary>A business rule was broken; the message is written for the person who broke it.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
