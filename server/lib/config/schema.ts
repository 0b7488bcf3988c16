import { z } from "zod";

// Every environment variable the gateway reads, in one zod schema: parsed once at start-up (an invalid
// value stops the start, naming the variable), typed for the code, and the source of the README's table
// (`server/scripts/config-table.mjs`; `server/test/config.test.ts` fails when the table is stale).

/** `shown` is the README's default column when the default is not a literal the schema applies. */
const setting = <T extends z.ZodType>(schema: T, description: string, shown = "") =>
  schema.meta({ description, shown });

const text = z.string().min(1);
const list = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);
const flag = z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true");
const count = (min = 1) => z.coerce.number().int().min(min);
const days = z.union([z.literal("forever").transform(() => false as const), count(1)]);
const logLevel = z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

export const ConfigSchema = z.object({
  NODE_ENV: setting(
    text.optional(),
    "`production`: JSON logs even on a terminal, and demo mode refused (read at run time, not baked into the build)",
  ),
  PORT: setting(count(1).max(65_535).default(3000), "where the API listens (Nitro also reads `HOST`)", "`3000`"),
  MULTIWA_STORAGE: setting(
    text.optional(),
    "key-value store (engine credentials, leases, settings): `fs:<dir>`, `memory:`, `redis://host:6379/0` (clusters nodes) or `postgres://user@host:5432/db`",
    "`fs:.multiwa-data` (`memory:` in demo mode)",
  ),
  MULTIWA_STORAGE_PREFIX: setting(
    text.default("multiwa"),
    "key prefix in the store, so gateways can share one Redis",
    "`multiwa`",
  ),
  MULTIWA_DATABASE: setting(
    text.optional(),
    "records (contacts, audit, …): `pglite:<dir>` (embedded), `memory:` or `postgres://user@host:5432/db` (a cluster needs one shared PostgreSQL); see `docs/database.md`",
    "`pglite:<data folder>/database` (`memory:` in demo mode)",
  ),
  MULTIWA_ENGINES: setting(
    list.optional(),
    "engines to load, comma separated; missing packages are skipped. `mock` (and its `/api/mock` demo routes) only when named",
    "`baileys,wwebjs` (`baileys,mock` in demo mode)",
  ),
  MULTIWA_DEFAULT_ENGINE: setting(
    text.optional(),
    "the engine of a profile created without one",
    "the first loaded (`baileys` in demo mode)",
  ),
  MULTIWA_API_KEY: setting(
    z.string().min(16).optional(),
    "admin API key, at least 16 characters (otherwise one is generated and printed once)",
  ),
  MULTIWA_ADMIN_EMAIL: setting(
    z.email().optional(),
    "with `MULTIWA_ADMIN_PASSWORD`: a dashboard owner account created at start",
  ),
  MULTIWA_ADMIN_PASSWORD: setting(z.string().min(8).optional(), "that account's password (at least 8 characters)"),
  MULTIWA_RATE_LIMIT: setting(count(1).default(100), "requests per second per API key (bursts of twice that)", "`100`"),
  MULTIWA_MCP_ALLOWED_RECIPIENTS: setting(
    text.optional(),
    "the only numbers/JIDs agents may message through `/mcp` (comma separated)",
    "anyone",
  ),
  MULTIWA_WEBHOOK_ALLOW_PRIVATE: setting(
    text.optional(),
    "outbound calls may reach internal addresses: `1` for all, or a comma-separated list of allowed addresses (see Security)",
    "none",
  ),
  MULTIWA_WEBHOOK_MAX_ATTEMPTS: setting(
    count(1).default(8),
    "attempts of a webhook or event-transport delivery before it becomes a dead letter",
    "`8`",
  ),
  MULTIWA_WEBHOOK_RETRY_BASE_MS: setting(
    count(10).default(1000),
    "first retry delay of a failed delivery, in ms; doubles each attempt, capped at one hour",
    "`1000`",
  ),
  MULTIWA_BODY_LIMIT: setting(count(1024).default(1024 * 1024), "largest JSON request body, in bytes", "`1048576`"),
  MULTIWA_MEDIA_BODY_LIMIT: setting(
    count(1024).default(90 * 1024 * 1024),
    "largest body of operations that take media (uploads, base64), in bytes",
    "`94371840`",
  ),
  MULTIWA_PUBLIC_URL: setting(
    z.url().optional(),
    "the gateway's public base URL; Cloud API profiles subscribe `{this}/api/ingress/meta/{profileId}` as Meta's callback",
  ),
  MULTIWA_GRAPH_URL: setting(
    z.url().optional(),
    "where the Graph API is (a `GraphApiSimulator` in tests)",
    "Meta's Graph API",
  ),
  MULTIWA_BAILEYS_WS_URL: setting(
    z.url().optional(),
    "where the Baileys engine connects (a WhatsApp Web simulator in tests and benches)",
    "WhatsApp",
  ),
  MULTIWA_BAILEYS_CA_FILE: setting(
    text.optional(),
    "a PEM file of certificate authorities Baileys trusts for media (a simulator's own certificate)",
  ),
  MULTIWA_CHROMIUM_PATH: setting(text.optional(), "the Chromium the whatsapp-web.js engine runs", "puppeteer's lookup"),
  MULTIWA_TRUST_PROXY: setting(
    flag.default(false),
    "`1`: take the client address for login throttling from `X-Forwarded-For`",
    "off",
  ),
  MULTIWA_LOG_LEVEL: setting(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(logLevel)
      .default("info"),
    "`trace`, `debug`, `info`, `warn`, `error`, `fatal` or `silent`; an unknown level stops the start",
    "`info`",
  ),
  MULTIWA_ENGINE_LOG_LEVEL: setting(
    logLevel.default("warn"),
    "level of the Baileys engine's own logs (chatty below `warn`)",
    "`warn`",
  ),
  MULTIWA_RETENTION_MESSAGES_DAYS: setting(
    days.optional(),
    "days sent message records (and their idempotency keys) are kept, or `forever`",
    "`30`",
  ),
  MULTIWA_RETENTION_HISTORY_DAYS: setting(days.optional(), "days chat history is kept, or `forever`", "`forever`"),
  MULTIWA_RETENTION_WEBHOOK_DELIVERIES_DAYS: setting(
    days.optional(),
    "days delivered and dead webhook deliveries are kept, or `forever`",
    "`7`",
  ),
  MULTIWA_RETENTION_AUDIT_DAYS: setting(days.optional(), "days audit entries are kept, or `forever`", "`180`"),
  MULTIWA_RETENTION_CALLS_DAYS: setting(days.optional(), "days call log entries are kept, or `forever`", "`90`"),
  MULTIWA_RETENTION_MEDIA_DAYS: setting(
    days.optional(),
    "days media objects stay in the S3 bucket (`MULTIWA_MEDIA_S3_*`), or `forever`",
    "`30`",
  ),
  MULTIWA_MEDIA_S3_ENDPOINT: setting(
    z.url().optional(),
    "S3-compatible service for media (e.g. `https://s3.eu-west-1.amazonaws.com`); set with the bucket and keys, and webhooks of media messages carry a signed URL (`media.url`)",
    "off",
  ),
  MULTIWA_MEDIA_S3_BUCKET: setting(text.optional(), "the media bucket (path-style URLs)"),
  MULTIWA_MEDIA_S3_REGION: setting(
    text.default("us-east-1"),
    "the bucket's region (signs the requests)",
    "`us-east-1`",
  ),
  MULTIWA_MEDIA_S3_ACCESS_KEY_ID: setting(text.optional(), "access key id for the media bucket"),
  MULTIWA_MEDIA_S3_SECRET_ACCESS_KEY: setting(text.optional(), "secret access key for the media bucket"),
  MULTIWA_MEDIA_URL_TTL_SECONDS: setting(
    count(1).max(604_800).default(86_400),
    "how long a webhook's signed media URL stays valid, in seconds (at most 7 days)",
    "`86400`",
  ),
  MULTIWA_METRICS: setting(
    flag.default(true),
    "`0`: no metrics at all: `/metrics` answers 404 and nothing is counted, timed or sampled (event-loop lag, GC)",
    "`1`",
  ),
  MULTIWA_METRICS_ALLOW: setting(
    list.default([]),
    "addresses that may read `/metrics` without a key (comma separated)",
    "none",
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting(
    z.url().optional(),
    "OpenTelemetry tracing: an OTLP/HTTP collector (e.g. `http://localhost:4318`); spans go to `<endpoint>/v1/traces` as JSON",
    "off",
  ),
  OTEL_EXPORTER_OTLP_HEADERS: setting(
    list.optional(),
    "headers sent with every export, `key=value` comma separated (a collector's token)",
  ),
  OTEL_SERVICE_NAME: setting(text.default("multiwa"), "the traces' `service.name`", "`multiwa`"),
  OTEL_TRACES_SAMPLER_ARG: setting(
    z.coerce.number().min(0).max(1).default(1),
    "share of new traces recorded, 0 to 1 (parent-based: a request arriving with a `traceparent` follows its caller's decision)",
    "`1`",
  ),
  OTEL_BSP_SCHEDULE_DELAY: setting(
    count(1).default(5000),
    "milliseconds between two exports of finished spans",
    "`5000`",
  ),
  MULTIWA_LIMIT_WINDOW_MS: setting(
    count(1000).default(3_600_000),
    "how long a WhatsApp limit is assumed to last when WhatsApp gave no end (a refused send it could not be asked about): campaigns and the outbox hold the profile's new chats this long",
    "`3600000` (an hour)",
  ),
  MULTIWA_NODE_ID: setting(text.optional(), "this node's stable name in a cluster", "a random id per start"),
  MULTIWA_LEASE_TTL_MS: setting(
    count(1000).default(30_000),
    "cluster: how long a node's hold on a profile lasts without renewal (a dead node's profiles move after it)",
    "`30000`",
  ),
  MULTIWA_TAKEOVER_MS: setting(
    count(100).default(5000),
    "cluster: how often a node looks for orphaned profiles and rebalances",
    "`5000`",
  ),
  MULTIWA_FORWARD_TIMEOUT_MS: setting(
    count(100).default(15_000),
    "cluster: how long a call routed to the profile's owner node may take",
    "`15000`",
  ),
  MULTIWA_DEMO: setting(
    flag.default(false),
    "`1`: demo mode, a simulated WhatsApp network in process (refused with `NODE_ENV=production`)",
    "off",
  ),
  MULTIWA_DEMO_FORCE: setting(flag.default(false), "`1`: run demo mode even with `NODE_ENV=production`", "off"),
  MULTIWA_DEMO_PASSWORD: setting(
    z.string().min(8).optional(),
    "demo mode's dashboard password",
    "generated and printed",
  ),
  MULTIWA_MOCK_JOURNAL: setting(
    text.optional(),
    "a file the mock engine's network journals deliveries to (crash tests)",
  ),
});

export type ServerConfig = z.output<typeof ConfigSchema>;
