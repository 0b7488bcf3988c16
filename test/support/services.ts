import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

// Suites on a real Redis, PostgreSQL, RabbitMQ or NATS (the local servers, or MULTIWA_TEST_REDIS /
// MULTIWA_TEST_POSTGRES / MULTIWA_TEST_AMQP / MULTIWA_TEST_NATS).
// Outside CI a service that does not answer skips the test files that use it, with a message naming them;
// with CI set the files stay in, so a broken service fails the run instead of hiding.
const SERVICES = [
  {
    name: "Redis",
    url: process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0",
    port: 6379,
    uses: /MULTIWA_TEST_REDIS|TEST_REDIS_URL/,
  },
  {
    name: "PostgreSQL",
    url: process.env.MULTIWA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/mw_test",
    port: 5432,
    uses: /MULTIWA_TEST_POSTGRES|TEST_POSTGRES_URL|createTestSchema/,
  },
  {
    name: "RabbitMQ",
    url: process.env.MULTIWA_TEST_AMQP ?? "amqp://guest:guest@127.0.0.1:5672",
    port: 5672,
    uses: /MULTIWA_TEST_AMQP|TEST_AMQP_URL/,
  },
  {
    name: "NATS",
    url: process.env.MULTIWA_TEST_NATS ?? "nats://127.0.0.1:4222",
    port: 4222,
    uses: /MULTIWA_TEST_NATS|TEST_NATS_URL/,
  },
];

/** The test files that vitest's `include` globs match and that need a service that is down; none in CI. */
export async function unavailableServiceSuites(include: string[]): Promise<string[]> {
  if (process.env.CI) return [];
  const skipped: string[] = [];
  let files: string[] | undefined;
  for (const service of SERVICES) {
    if (await answers(service.url, service.port)) continue;
    files ??= include.flatMap((glob) => expand(glob.slice(0, glob.indexOf("/**/")))).flatMap(testFiles);
    const users = files.filter((file) => service.uses.test(readFileSync(file, "utf8")));
    console.warn(
      `[multiwa] ${service.name} at ${service.url} does not answer: skipping ${users.length} test files that need it (CI requires it):\n  ${users.join("\n  ")}`,
    );
    skipped.push(...users);
  }
  return skipped;
}

// --- Internal helpers ---

/** The existing folders a path with `*` segments names ("packages/<any>/test" → every package's test folder). */
function expand(path: string): string[] {
  return path
    .split("/")
    .reduce<string[]>(
      (dirs, segment) => dirs.flatMap((dir) => (segment === "*" ? subfolders(dir) : [join(dir, segment)])),
      ["."],
    )
    .filter((dir) => exists(dir));
}

function subfolders(dir: string): string[] {
  return exists(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(dir, e.name))
    : [];
}

function exists(dir: string): boolean {
  try {
    return readdirSync(dir).length >= 0;
  } catch {
    return false;
  }
}

function testFiles(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, encoding: "utf8" });
  return entries.filter((path) => path.endsWith(".test.ts")).map((path) => join(root, path));
}

/** Whether something accepts TCP connections at the url's host and port, within a second. */
function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port) || defaultPort, timeout: 1000 });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket
      .once("connect", () => done(true))
      .once("error", () => done(false))
      .once("timeout", () => done(false));
  });
}
