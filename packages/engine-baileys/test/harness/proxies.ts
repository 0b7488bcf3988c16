import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Real proxies on loopback for the proxy tests (issue #23): Debian's tinyproxy (HTTP CONNECT) and
 * dante-server (SOCKS5), each on a free port with its config and log in a temp dir, never the system
 * services. `.ci/ensure-proxies.sh` installs both.
 */
export interface LoopbackProxy {
  port: number;
  /** Everything the proxy logged so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export const TINYPROXY = "/usr/bin/tinyproxy";
export const DANTED = "/usr/sbin/danted";
export const proxiesInstalled = existsSync(TINYPROXY) && existsSync(DANTED);

/** tinyproxy with Basic auth when `auth` is given; logs each `CONNECT host:port` it is asked for. */
export async function startTinyproxy(auth?: { username: string; password: string }): Promise<LoopbackProxy> {
  const dir = await mkdtemp(join(tmpdir(), "multiwa-tinyproxy-"));
  const port = await freePort();
  const logFile = join(dir, "tinyproxy.log");
  const config = [
    `Port ${port}`,
    "Listen 127.0.0.1",
    "Timeout 60",
    `LogFile "${logFile}"`,
    "LogLevel Info",
    "MaxClients 50",
    "Allow 127.0.0.1",
    ...(auth ? [`BasicAuth ${auth.username} ${auth.password}`] : []),
  ];
  await writeFile(join(dir, "tinyproxy.conf"), `${config.join("\n")}\n`);
  const proc = spawn(TINYPROXY, ["-d", "-c", join(dir, "tinyproxy.conf")], { stdio: "ignore" });
  return running(proc, dir, port, logFile);
}

/** danted (SOCKS5, no authentication) logging each `tcp/connect … -> client dest.port`. */
export async function startDanted(): Promise<LoopbackProxy> {
  const dir = await mkdtemp(join(tmpdir(), "multiwa-danted-"));
  const port = await freePort();
  const logFile = join(dir, "danted.log");
  const asRoot = process.getuid?.() === 0;
  const config = [
    `logoutput: ${logFile}`,
    `internal: 127.0.0.1 port = ${port}`,
    "external: 127.0.0.1",
    "clientmethod: none",
    "socksmethod: none",
    // As root it must be told whom to run as; as anyone else it runs as that user.
    ...(asRoot ? ["user.privileged: root", "user.unprivileged: nobody"] : []),
    "client pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  log: connect error\n}",
    "socks pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  command: connect\n  log: connect error\n}",
  ];
  await writeFile(join(dir, "danted.conf"), `${config.join("\n")}\n`);
  const proc = spawn(DANTED, ["-f", join(dir, "danted.conf"), "-p", join(dir, "danted.pid")], { stdio: "ignore" });
  return running(proc, dir, port, logFile);
}

// --- Internal helpers ---

async function running(proc: ChildProcess, dir: string, port: number, logFile: string): Promise<LoopbackProxy> {
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const log = () => readFile(logFile, "utf8").catch(() => "");
  await waitListening(port, exited, log);
  return {
    port,
    log,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitListening(port: number, exited: Promise<void>, log: () => Promise<string>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 100; i++) {
    if (gone) throw new Error(`proxy exited before listening on ${port}: ${await log()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`proxy did not listen on ${port} within 5 s: ${await log()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
