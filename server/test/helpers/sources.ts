import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../..", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every source file the gateway bundle is built from (lib, routes, plugins, middleware), for checks over the code. */
export function gatewaySourceFiles(): string[] {
  return ["lib", "routes", "plugins", "middleware"].flatMap((d) => walk(join(SERVER, d)));
}
