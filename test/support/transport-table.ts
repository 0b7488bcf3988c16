// The README's event transport settings table, generated from the core's transport schemas (one row per
// setting of each kind). `node --conditions=dev-source --import tsx test/support/transport-table.ts --write`
// rewrites it; test/transport-table.test.ts fails when it is stale.
import { AmqpSettings, NatsSettings, RedisStreamSettings } from "../../packages/core/src/transports/schema.js";
import { readmeBlock } from "./readme-block.js";

const KINDS = [
  ["RabbitMQ", AmqpSettings],
  ["NATS", NatsSettings],
  ["Redis Streams", RedisStreamSettings],
] as const;

export const transportTable = readmeBlock("transport-table", "test/support/transport-table.ts", () => [
  "| `kind` | setting | meaning | default |",
  "| --- | --- | --- | --- |",
  ...KINDS.flatMap(([label, schema]) => {
    const kind = schema.shape.kind.value;
    return Object.entries(schema.shape)
      .filter(([key]) => key !== "kind")
      .map(([key, field]) => {
        // What the schema makes of a missing value: its default, "required", or nothing (optional).
        const missing = field.safeParse(undefined);
        const shown = !missing.success
          ? "required"
          : missing.data !== undefined
            ? `\`${JSON.stringify(missing.data)}\``
            : "";
        const { description = "" } = (field.meta() ?? {}) as { description?: string };
        return `| \`${kind}\` (${label}) | \`${key}\` | ${description} | ${shown} |`;
      });
  }),
]);

if (process.argv.includes("--write")) transportTable.write();
