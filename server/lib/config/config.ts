import { ConfigSchema, type ServerConfig } from "./schema.js";

/**
 * Parses the gateway's settings from an environment. An empty value counts as unset (compose files
 * often pass `VAR=`); an invalid one throws, naming every offending variable and what it accepts.
 */
export function parseConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const input = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key] ?? (key === "PORT" ? env.NITRO_PORT : undefined)] as const)
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = ConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return `  ${key}=${JSON.stringify(input[key])}: ${issue.message}`;
  });
  throw new ConfigError(
    `[multiwa] invalid configuration (see the README's "Gateway configuration"):\n${problems.join("\n")}`,
  );
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

let current: ServerConfig | undefined;

/** The process's settings, parsed from `process.env` on first use. */
export function useConfig(): ServerConfig {
  current ??= parseConfig(process.env);
  return current;
}
