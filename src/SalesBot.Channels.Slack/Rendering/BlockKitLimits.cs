namespace SalesBot.Channels.Slack.Rendering;

/// <summary>Block Kit limits (Slack's published ones), applied by the renderers so Slack never rejects a payload.</summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int MessageText = 3000;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ContextText = 3000;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionsElements = 25;
    public const int Id = 255;
    public const int ViewTitle = 24;
    public const int PrivateMetadata = 3000;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int TextInputMax = 3000;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int Options = 100;
    public const int FieldError = 300;
    public const int ImageUrl = 3000;
    public const int ImageAltText = 2000;
    public const int ImageTitle = 2000;
}
