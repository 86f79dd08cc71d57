namespace SalesBot.Channels.Teams.Cards;

/// <summary>How card buttons submit.</summary>
public enum CardActionStyle
{
    /// <summary><c>Action.Submit</c>: arrives as a message activity with <c>value</c> (Web Chat, older Teams clients).</summary>
    Submit,

    /// <summary>
    /// Universal Actions <c>Action.Execute</c> with an <c>Action.Submit</c> fallback: arrives as an
    /// <c>adaptiveCard/action</c> invoke whose response can replace the card.
    /// </summary>
    Execute,
}
