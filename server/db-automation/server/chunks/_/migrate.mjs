import { sql } from 'drizzle-orm';
import { al as MultiWAError } from '../nitro/nitro.mjs';

const MIGRATIONS = [
  { name: "0000_init", hash: "a4fa97b11ed0ed92", statements: [
    'CREATE TABLE "audit_entries" (\n	"id" text PRIMARY KEY NOT NULL,\n	"at" bigint NOT NULL,\n	"organization_id" text NOT NULL,\n	"workspace_id" text,\n	"actor_kind" text NOT NULL,\n	"actor_id" text NOT NULL,\n	"actor_name" text,\n	"action" text NOT NULL,\n	"target" text,\n	"ip" text,\n	"status" integer NOT NULL,\n	"summary" jsonb\n);',
    'CREATE TABLE "automation_flow_runs" (\n	"id" text PRIMARY KEY NOT NULL,\n	"profile_id" text NOT NULL,\n	"chat_id" text NOT NULL,\n	"status" text NOT NULL,\n	"run" jsonb NOT NULL,\n	"graph" jsonb NOT NULL,\n	"updated_at" bigint NOT NULL\n);',
    'CREATE TABLE "automation_flow_versions" (\n	"workspace_id" text NOT NULL,\n	"flow_id" text NOT NULL,\n	"version" integer NOT NULL,\n	"saved_at" bigint NOT NULL,\n	"graph" jsonb NOT NULL,\n	CONSTRAINT "automation_flow_versions_workspace_id_flow_id_version_pk" PRIMARY KEY("workspace_id","flow_id","version")\n);',
    'CREATE TABLE "automation_flows" (\n	"workspace_id" text NOT NULL,\n	"id" text NOT NULL,\n	"status" text NOT NULL,\n	"version" integer DEFAULT 0 NOT NULL,\n	"spec" jsonb NOT NULL,\n	"created_at" bigint NOT NULL,\n	"updated_at" bigint NOT NULL,\n	CONSTRAINT "automation_flows_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")\n);',
    'CREATE TABLE "automation_revisions" (\n	"workspace_id" text PRIMARY KEY NOT NULL,\n	"revision" bigint NOT NULL\n);',
    'CREATE TABLE "automation_rules" (\n	"workspace_id" text NOT NULL,\n	"id" text NOT NULL,\n	"enabled" boolean NOT NULL,\n	"priority" integer NOT NULL,\n	"trigger_type" text NOT NULL,\n	"spec" jsonb NOT NULL,\n	"created_at" bigint NOT NULL,\n	"updated_at" bigint NOT NULL,\n	CONSTRAINT "automation_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")\n);',
    'CREATE TABLE "automation_timers" (\n	"id" text PRIMARY KEY NOT NULL,\n	"due_at" bigint NOT NULL,\n	"profile_id" text NOT NULL,\n	"kind" text NOT NULL,\n	"payload" jsonb NOT NULL\n);',
    `CREATE TABLE "contacts" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"jid" text NOT NULL,
	"phone" text,
	"name" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opt_out" boolean DEFAULT false NOT NULL,
	"first_seen_at" bigint,
	"last_seen_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "contacts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);`,
    'CREATE TABLE "templates" (\n	"workspace_id" text NOT NULL,\n	"id" text NOT NULL,\n	"name" text NOT NULL,\n	"category" text NOT NULL,\n	"body" text NOT NULL,\n	"media" jsonb,\n	"defaults" jsonb NOT NULL,\n	"variables" text[] NOT NULL,\n	"times_used" integer DEFAULT 0 NOT NULL,\n	"last_used_at" bigint,\n	"created_at" bigint NOT NULL,\n	"updated_at" bigint NOT NULL,\n	CONSTRAINT "templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")\n);',
    'CREATE INDEX "audit_entries_org_id" ON "audit_entries" USING btree ("organization_id","id");',
    'CREATE INDEX "audit_entries_actor_id" ON "audit_entries" USING btree ("actor_id","id");',
    'CREATE INDEX "audit_entries_workspace_id" ON "audit_entries" USING btree ("workspace_id","id");',
    'CREATE UNIQUE INDEX "automation_flow_runs_chat" ON "automation_flow_runs" USING btree ("profile_id","chat_id");',
    'CREATE INDEX "automation_flow_runs_profile_updated" ON "automation_flow_runs" USING btree ("profile_id","updated_at","id");',
    `CREATE INDEX "automation_flow_runs_running" ON "automation_flow_runs" USING btree ("status") WHERE status = 'running';`,
    'CREATE INDEX "automation_flows_created" ON "automation_flows" USING btree ("workspace_id","created_at","id");',
    'CREATE INDEX "automation_rules_order" ON "automation_rules" USING btree ("workspace_id","priority" DESC NULLS LAST,"created_at","id");',
    `CREATE INDEX "automation_rules_schedule" ON "automation_rules" USING btree ("trigger_type") WHERE trigger_type = 'schedule';`,
    'CREATE INDEX "automation_timers_due" ON "automation_timers" USING btree ("due_at");',
    'CREATE INDEX "automation_timers_profile" ON "automation_timers" USING btree ("profile_id");',
    'CREATE INDEX "contacts_workspace_created" ON "contacts" USING btree ("workspace_id","created_at","id");',
    'CREATE INDEX "contacts_tags" ON "contacts" USING gin ("tags");',
    'CREATE INDEX "templates_workspace_created" ON "templates" USING btree ("workspace_id","created_at","id");',
    'CREATE INDEX "templates_workspace_category" ON "templates" USING btree ("workspace_id","category","created_at");'
  ] }
];

const LOCK_ID = 7305127;
async function applyMigrations(db, migrations = MIGRATIONS) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);
    await tx.execute(sql`create table if not exists multiwa_migrations
      (name text primary key, hash text not null, applied_at timestamptz not null default now())`);
    const applied = await tx.execute(sql`select name, hash from multiwa_migrations`);
    const seen = new Map(rowsOf(applied).map((r) => [r.name, r.hash]));
    let count = 0;
    for (const migration of migrations) {
      const hash = seen.get(migration.name);
      if (hash === migration.hash) continue;
      if (hash !== void 0) throw schemaMismatch(migration.name);
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into multiwa_migrations (name, hash) values (${migration.name}, ${migration.hash})`);
      count++;
    }
    return count;
  });
}
function rowsOf(result) {
  return result.rows;
}
function schemaMismatch(name) {
  return new MultiWAError(
    "STORAGE_FAILED",
    `The database was created by another development build of the schema (migration ${name} differs); use a new database or delete the embedded database folder`,
    { details: { field: "database", migration: name } }
  );
}

export { MIGRATIONS as M, applyMigrations as a };
//# sourceMappingURL=migrate.mjs.map
