using System.Text.Json.Serialization;

namespace SalesBot.Conversations.Messages;

/// <summary>
/// Inputs submitted together. <see cref="Verb"/> comes back on the <see cref="FormSubmission"/>
/// with <see cref="Data"/> merged into the values (e.g. the report date the form was made for).
/// </summary>
public sealed record Form(
    string Verb,
    string Title,
    IReadOnlyList<FormInput> Inputs,
    string SubmitTitle,
    IReadOnlyDictionary<string, string>? Data = null);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NumberInput), "number")]
[JsonDerivedType(typeof(TextInput), "text")]
[JsonDerivedType(typeof(ChoiceInput), "choice")]
[JsonDerivedType(typeof(DateInput), "date")]
public abstract record FormInput(string Id, string Label)
{
    /// <summary>Shown under the input after a rejected submit (Slack modal field errors, Teams card re-render).</summary>
    public string? Error { get; init; }
}

public sealed record NumberInput(string Id, string Label, int Min, int Max, int? Value = null, string? Placeholder = null, bool Required = true)
    : FormInput(Id, Label);

public sealed record TextInput(string Id, string Label, bool Multiline = false, int MaxLength = 500, string? Value = null, string? Placeholder = null, bool Required = false)
    : FormInput(Id, Label);

public sealed record ChoiceInput(string Id, string Label, IReadOnlyList<Choice> Choices, string? Value = null, bool Required = true)
    : FormInput(Id, Label);

public sealed record Choice(string Title, string Value);

/// <summary>A calendar date; submitted as <c>yyyy-MM-dd</c> (Teams <c>Input.Date</c>, Slack <c>datepicker</c>).</summary>
public sealed record DateInput(string Id, string Label, string? Value = null, string? Min = null, bool Required = true)
    : FormInput(Id, Label);
