import { sql } from 'drizzle-orm';
import { al as MultiWAError } from '../nitro/nitro.mjs';

const MIGRATIONS = [
  { name: "0000_init", hash: "8923b17eebdd0bcb", statements: [
    'CREATE TABLE "audit_entries" (\n	"id" text PRIMARY KEY NOT NULL,\n	"at" bigint NOT NULL,\n	"organization_id" text NOT NULL,\n	"workspace_id" text,\n	"actor_kind" text NOT NULL,\n	"actor_id" text NOT NULL,\n	"actor_name" text,\n	"action" text NOT NULL,\n	"target" text,\n	"ip" text,\n	"status" integer NOT NULL,\n	"summary" jsonb\n);',
    'CREATE TABLE "chat_messages" (\n	"profile_id" text NOT NULL,\n	"id" text NOT NULL,\n	"chat_id" text NOT NULL,\n	"timestamp" bigint NOT NULL,\n	"seq" bigserial NOT NULL,\n	"message" jsonb NOT NULL,\n	CONSTRAINT "chat_messages_profile_id_id_pk" PRIMARY KEY("profile_id","id")\n);',
    'CREATE TABLE "chats" (\n	"profile_id" text NOT NULL,\n	"chat_id" text NOT NULL,\n	"last_message" jsonb,\n	"unread" integer NOT NULL,\n	"updated_at" bigint NOT NULL,\n	CONSTRAINT "chats_profile_id_chat_id_pk" PRIMARY KEY("profile_id","chat_id")\n);',
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
    'CREATE TABLE "outbox_messages" (\n	"profile_id" text NOT NULL,\n	"id" text NOT NULL,\n	"to" text NOT NULL,\n	"type" text NOT NULL,\n	"status" text NOT NULL,\n	"rank" integer NOT NULL,\n	"attempts" integer NOT NULL,\n	"created_at" bigint NOT NULL,\n	"updated_at" bigint NOT NULL,\n	"idempotency_key" text,\n	"engine_id" text,\n	"error" jsonb,\n	"seq" text NOT NULL,\n	"queued" boolean NOT NULL,\n	"payload" jsonb,\n	CONSTRAINT "outbox_messages_profile_id_id_pk" PRIMARY KEY("profile_id","id")\n);',
    'CREATE TABLE "webhook_deliveries" (\n	"id" text PRIMARY KEY NOT NULL,\n	"webhook_id" text NOT NULL,\n	"event" text NOT NULL,\n	"profile_id" text,\n	"body" text NOT NULL,\n	"attempts" integer NOT NULL,\n	"created_at" bigint NOT NULL,\n	"next_at" bigint NOT NULL,\n	"status" text NOT NULL,\n	"last_error" text,\n	"last_status" integer,\n	"delivered_at" bigint,\n	"claimed_by" text,\n	"claimed_until" bigint\n);',
    'CREATE TABLE "webhooks" (\n	"id" text PRIMARY KEY NOT NULL,\n	"workspace_id" text NOT NULL,\n	"profile_id" text,\n	"url" text NOT NULL,\n	"events" jsonb NOT NULL,\n	"description" text,\n	"enabled" boolean NOT NULL,\n	"secret" text NOT NULL,\n	"created_at" bigint NOT NULL,\n	"updated_at" bigint NOT NULL\n);',
    'CREATE INDEX "audit_entries_org_id" ON "audit_entries" USING btree ("organization_id","id");',
    'CREATE INDEX "audit_entries_actor_id" ON "audit_entries" USING btree ("actor_id","id");',
    'CREATE INDEX "audit_entries_workspace_id" ON "audit_entries" USING btree ("workspace_id","id");',
    'CREATE INDEX "chat_messages_page" ON "chat_messages" USING btree ("profile_id","chat_id","timestamp","seq");',
    'CREATE INDEX "chat_messages_time" ON "chat_messages" USING btree ("timestamp");',
    'CREATE INDEX "chats_recent" ON "chats" USING btree ("profile_id","updated_at");',
    'CREATE INDEX "contacts_workspace_created" ON "contacts" USING btree ("workspace_id","created_at","id");',
    'CREATE INDEX "contacts_tags" ON "contacts" USING gin ("tags");',
    'CREATE INDEX "outbox_messages_queue" ON "outbox_messages" USING btree ("profile_id","seq") WHERE queued;',
    'CREATE INDEX "outbox_messages_engine_id" ON "outbox_messages" USING btree ("profile_id","engine_id") WHERE engine_id is not null;',
    'CREATE INDEX "outbox_messages_finished" ON "outbox_messages" USING btree ("updated_at") WHERE not queued;',
    `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_at") WHERE status = 'pending';`,
    'CREATE INDEX "webhook_deliveries_webhook" ON "webhook_deliveries" USING btree ("webhook_id","status","created_at");',
    `CREATE INDEX "webhook_deliveries_finished" ON "webhook_deliveries" USING btree ("status","created_at") WHERE status <> 'pending';`,
    'CREATE INDEX "webhooks_workspace" ON "webhooks" USING btree ("workspace_id","created_at");',
    'CREATE INDEX "webhooks_profile" ON "webhooks" USING btree ("profile_id");'
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
