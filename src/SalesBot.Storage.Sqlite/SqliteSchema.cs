namespace SalesBot.Storage.Sqlite;

/// <summary>
/// Schema migrations, applied in order once each (tracked in <c>PRAGMA user_version</c>). Never edit
/// a shipped migration; add the next one. Records are stored as JSON documents beside the columns
/// they are looked up by, the same shape the Cosmos DB store uses.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE organizations (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
        CREATE TABLE workspaces (channel TEXT NOT NULL, tenant_id TEXT NOT NULL, organization_id TEXT NOT NULL REFERENCES organizations(id),
            PRIMARY KEY (channel, tenant_id));
        CREATE TABLE teams (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, doc TEXT NOT NULL);
        CREATE TABLE members (id TEXT PRIMARY KEY, team_id TEXT NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX ix_members_team ON members(team_id);
        CREATE TABLE channel_accounts (account_key TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE);
        CREATE TABLE checkins (member_id TEXT NOT NULL, report_date TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (member_id, report_date));
        CREATE TABLE wins (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, team_id TEXT NOT NULL, at_ms INTEGER NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX ix_wins_member ON wins(member_id, at_ms);
        CREATE TABLE reflections (member_id TEXT NOT NULL, month TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (member_id, month));
        CREATE TABLE conversation_refs (owner_kind TEXT NOT NULL, owner_id TEXT NOT NULL, channel TEXT NOT NULL, updated_ms INTEGER NOT NULL,
            doc TEXT NOT NULL, PRIMARY KEY (owner_kind, owner_id, channel));
        CREATE TABLE outbox (key TEXT PRIMARY KEY, status TEXT NOT NULL, next_attempt_ms INTEGER NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX ix_outbox_due ON outbox(status, next_attempt_ms);
        CREATE TABLE processed_events (key TEXT PRIMARY KEY, at_ms INTEGER NOT NULL);
        """,
        // 2: versions for optimistic concurrency, the time-zone schedule index, outbox leases and
        // pruning, expiring event claims, and installations (formerly the Slack project's own table).
        """
        ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE teams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE members ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
        UPDATE members SET time_zone = COALESCE(json_extract(doc, '$.timeZoneId'), 'UTC');
        CREATE INDEX ix_members_zone ON members(time_zone);
        ALTER TABLE checkins ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE outbox ADD COLUMN finished_ms INTEGER NULL;
        UPDATE outbox SET finished_ms = next_attempt_ms WHERE status <> 'Pending';
        CREATE INDEX ix_outbox_finished ON outbox(finished_ms) WHERE finished_ms IS NOT NULL;
        DROP TABLE processed_events;
        CREATE TABLE events (key TEXT PRIMARY KEY, done INTEGER NOT NULL, expires_ms INTEGER NOT NULL);
        CREATE INDEX ix_events_expiry ON events(expires_ms);
        CREATE TABLE installations (channel TEXT NOT NULL, workspace_id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (channel, workspace_id));
        CREATE TABLE IF NOT EXISTS slack_installations (team_id TEXT NOT NULL PRIMARY KEY, team_name TEXT NULL, bot_token TEXT NOT NULL,
            bot_user_id TEXT NULL, app_id TEXT NULL, installed_at TEXT NOT NULL);
        INSERT INTO installations (channel, workspace_id, doc)
            SELECT 'slack', team_id, json_object('channel', 'slack', 'workspaceId', team_id, 'workspaceName', team_name, 'botToken', bot_token,
                'botUserId', bot_user_id, 'appId', app_id, 'installedAt', installed_at) FROM slack_installations;
        DROP TABLE slack_installations;
        """,
        // 3: posts by team and by when they were queued, for the operators' and managers' delivery views.
        // A post queued before posts carried their team belongs to the team whose channel it goes to.
        """
        ALTER TABLE outbox ADD COLUMN team_id TEXT NULL;
        ALTER TABLE outbox ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
        UPDATE outbox SET
            team_id = COALESCE(json_extract(doc, '$.teamId'), CASE WHEN json_extract(doc, '$.recipientKind') = 'team' THEN json_extract(doc, '$.recipientId') END),
            created_ms = COALESCE(CAST(ROUND((julianday(json_extract(doc, '$.createdAt')) - 2440587.5) * 86400000) AS INTEGER), 0);
        CREATE INDEX ix_outbox_recent ON outbox(status, created_ms);
        CREATE INDEX ix_outbox_team_recent ON outbox(team_id, status, created_ms) WHERE team_id IS NOT NULL;
        """,
        // 4: teammates' kudos on a win, one versioned document per win, read by win and rep.
        """
        CREATE TABLE kudos (win_id TEXT NOT NULL, member_id TEXT NOT NULL, doc TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (member_id, win_id));
        """,
        // 5: each member's months kept at write time (check-ins without their plans, and wins by UTC month), backfilled
        // here once from the check-ins and wins already stored; the store writer keeps them current from now on.
        """
        CREATE TABLE member_months (member_id TEXT NOT NULL, month TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, doc TEXT NOT NULL,
            PRIMARY KEY (member_id, month));
        INSERT INTO member_months (member_id, month, doc)
            SELECT k.member_id, k.month, json_object(
                'memberId', k.member_id,
                'month', k.month,
                'checkIns', (SELECT json_group_array(json_set(json(c.doc), '$.plan', json('[]'))) FROM
                    (SELECT doc FROM checkins WHERE member_id = k.member_id AND substr(report_date, 1, 7) = k.month ORDER BY report_date) c),
                'wins', (SELECT json_group_array(json(w.doc)) FROM
                    (SELECT doc FROM wins WHERE member_id = k.member_id AND strftime('%Y-%m', at_ms / 1000, 'unixepoch') = k.month ORDER BY at_ms, id) w))
            FROM (SELECT member_id, substr(report_date, 1, 7) AS month FROM checkins
                  UNION SELECT member_id, strftime('%Y-%m', at_ms / 1000, 'unixepoch') FROM wins) k;
        """,
        // 6: a member's write replaces their channel accounts, found by member: without this index every
        // member write (and every enrolment) scanned the whole table, a cost that grew with the organization.
        """
        CREATE INDEX ix_channel_accounts_member ON channel_accounts(member_id);
        CREATE INDEX ix_workspaces_organization ON workspaces(organization_id);
        """,
    ];
}
