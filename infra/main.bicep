// SalesBot on Azure: App Service (Linux, .NET 10) + Azure Bot with its Teams channel + Cosmos DB
// (managed identity only) + Key Vault for the secrets + Application Insights.
// Compile locally with `bash infra/build.sh` (fails on any warning).

@description('Prefix of every resource name; a hash of the resource group keeps global names unique.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'salesbot'

param location string = resourceGroup().location

@description('UserAssignedMSI: the bot signs in as the managed identity (no secret). SingleTenant: an Entra app registration with a client secret.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the app registration\'s client id. Ignored for UserAssignedMSI.')
param botAppId string = ''

@description('SingleTenant only: the app registration\'s client secret, stored in Key Vault.')
@secure()
param botAppPassword string = ''

@description('Slack app signing secret, stored in Key Vault. Empty: Slack stays off.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token (xoxb-...), stored in Key Vault; the app will not start with a signing secret and no token.')
@secure()
param slackBotToken string = ''

@description('Key for the signed chart links of the status views (base64 of 32+ random bytes, e.g. `openssl rand -base64 32`), stored in Key Vault. Needed for charts in Teams and Slack when the plan runs more than one instance; with one instance the app makes its own.')
@secure()
param chartSigningKey string = ''

@description('Azure Bot pricing tier: F0 is free (standard channels such as Teams are free on both).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan SKU; Basic or above because the app needs alwaysOn for its scheduler.')
param appServiceSku string = 'B1'

@description('Instances of the App Service plan. The app is told the same number (Delivery__InstanceCount) and keeps only its share of every Teams/Slack rate limit, because each instance limits on its own.')
@minValue(1)
@maxValue(100)
param appServiceInstanceCount int = 1

@description('true: Cosmos DB serverless (pay per request). false: provisioned autoscale throughput shared by the database.')
param cosmosServerless bool = true

@description('Autoscale maximum RU/s of the database when cosmosServerless is false.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

param cosmosDatabaseName string = 'salesbot'

// Mirrors src/SalesBot.Storage.Cosmos/CosmosContainers.cs (tests/SalesBot.Infra.Tests compares them).
// defaultTtl: null = TTL off; -1 = on, each item sets its own ttl. excludedPaths: large text not queried.
var containers = [
  { name: 'directory', partitionKeyPath: '/pk', defaultTtl: null, excludedPaths: [] }
  { name: 'lookups', partitionKeyPath: '/pk', defaultTtl: null, excludedPaths: [] }
  { name: 'history', partitionKeyPath: '/pk', defaultTtl: null, excludedPaths: [] }
  { name: 'outbox', partitionKeyPath: '/pk', defaultTtl: -1, excludedPaths: ['/message/*'] }
  { name: 'events', partitionKeyPath: '/pk', defaultTtl: -1, excludedPaths: [] }
  { name: 'schedule', partitionKeyPath: '/pk', defaultTtl: null, excludedPaths: [] }
]

var suffix = uniqueString(resourceGroup().id)
var prefix = toLower(namePrefix)
var isMsi = botAppType == 'UserAssignedMSI'
// Built-in role ids (same in every tenant).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${prefix}-id-${suffix}'
  location: location
}

// ---- Observability

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${prefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// ---- Cosmos DB: Entra ID only (disableLocalAuth), so the app needs no key.

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: '${prefix}-cosmos-${suffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: cosmosServerless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    // Serverless accounts reject throughput settings.
    options: cosmosServerless ? {} : { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = [
  for c in containers: {
    parent: cosmosDatabase
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: { paths: [c.partitionKeyPath], kind: 'Hash', version: 2 }
        defaultTtl: c.defaultTtl
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [{ path: '/*' }]
          excludedPaths: concat([{ path: '/"_etag"/?' }], map(c.excludedPaths, p => { path: p }))
        }
      }
    }
  }
]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2025-04-15' existing = {
  parent: cosmos
  name: cosmosDataContributorRoleId
}

resource cosmosRoleAssignment 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: cosmosDataContributor.id
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ---- Key Vault (RBAC): the app reads its secrets through Key Vault references.

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: 'kv-${suffix}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

// A secret is written, and the app pointed at it, only when its value is given: pass the secrets on
// every deployment (main.bicepparam reads them from environment variables).
resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(botAppPassword)) {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

resource chartSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(chartSigningKey)) {
  parent: vault
  name: 'chart-signing-key'
  properties: { value: chartSigningKey }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- App Service (Linux)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: '${prefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: appServiceInstanceCount }
  properties: { reserved: true }
}

var botMsaAppId = isMsi ? identity.properties.clientId : botAppId

// Key Vault references for the secrets; an empty value when a secret was not given, because an
// unresolvable reference would reach the app as literal text (turning Slack on with a wrong secret).
// The app treats empty as unset, and UserAssignedMSI must have no MicrosoftAppPassword.
var slackSigningSecretSetting = empty(slackSigningSecret)
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${slackSigningSecretSecret!.properties.secretUri})'
var slackBotTokenSetting = empty(slackBotToken)
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${slackBotTokenSecret!.properties.secretUri})'
var botPasswordSetting = isMsi || empty(botAppPassword)
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${botPasswordSecret!.properties.secretUri})'

var appName = '${prefix}-${suffix}'

// Teams' and Slack's servers fetch status charts from the app's own address. Several instances must share
// one signing key (each would otherwise sign with its own), so without a key charts stay off there.
var chartSigningKeySetting = empty(chartSigningKey)
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${chartSigningKeySecret!.properties.secretUri})'
var chartPublicBaseUrl = appServiceInstanceCount == 1 || !empty(chartSigningKey) ? 'https://${appName}.azurewebsites.net/' : ''

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'Storage__Provider', value: 'Cosmos' }
        { name: 'Storage__Cosmos__Endpoint', value: cosmos.properties.documentEndpoint }
        { name: 'Storage__Cosmos__ManagedIdentityClientId', value: identity.properties.clientId }
        { name: 'Storage__Cosmos__Database', value: cosmosDatabase.name }
        { name: 'MicrosoftAppType', value: botAppType }
        { name: 'MicrosoftAppId', value: botMsaAppId }
        { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
        { name: 'MicrosoftAppPassword', value: botPasswordSetting }
        // DefaultAzureCredential/ManagedIdentityCredential pick the user-assigned identity from this.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'Slack__SigningSecret', value: slackSigningSecretSetting }
        { name: 'Slack__BotToken', value: slackBotTokenSetting }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'Demo__Seed', value: 'false' }
        { name: 'Playground__Enabled', value: 'false' }
        { name: 'Delivery__InstanceCount', value: string(appServiceInstanceCount) }
        { name: 'Charts__PublicBaseUrl', value: chartPublicBaseUrl }
        { name: 'Charts__SigningKey', value: chartSigningKeySetting }
      ]
    }
  }
  // Key Vault references resolve at start-up; the identity must be able to read them by then.
  dependsOn: [
    vaultSecretsUser
  ]
}

// ---- Azure Bot + Teams channel

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${prefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'SalesBot'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: botMsaAppId
    msaAppType: botAppType
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: isMsi ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output appName string = app.name
output appHostName string = app.properties.defaultHostName
output messagingEndpoint string = bot.properties.endpoint
output botName string = bot.name
@description('The bot\'s Microsoft App ID: use it as botId in the Teams app manifest.')
output botAppId string = botMsaAppId
output identityClientId string = identity.properties.clientId
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output keyVaultName string = vault.name
