// "Channels" alone would resolve to the SalesBot.Channels namespace inside SalesBot.Host.
global using ChannelNames = SalesBot.Conversations.Messages.Channels;
