// Example parameters for `az deployment group create -f infra/main.bicep -p infra/main.bicepparam`.
// Secrets come from environment variables at deployment time so they never land in a file.
using 'main.bicep'

param namePrefix = 'salesbot'

// The bot signs in as the user-assigned managed identity: no app registration, no secret.
param botAppType = 'UserAssignedMSI'

// For botAppType = 'SingleTenant' instead: the app registration's client id and secret.
// param botAppId = '00000000-0000-0000-0000-000000000000'
param botAppPassword = readEnvironmentVariable('SALESBOT_BOT_APP_PASSWORD', '')

// Slack stays off while the signing secret is empty; with it, the bot token is needed too.
param slackSigningSecret = readEnvironmentVariable('SALESBOT_SLACK_SIGNING_SECRET', '')
param slackBotToken = readEnvironmentVariable('SALESBOT_SLACK_BOT_TOKEN', '')

// Charts in Teams and Slack: a key shared by every instance (needed when the plan runs more than one).
param chartSigningKey = readEnvironmentVariable('SALESBOT_CHART_SIGNING_KEY', '')

param cosmosDatabaseName = 'salesbot'
param cosmosServerless = true
