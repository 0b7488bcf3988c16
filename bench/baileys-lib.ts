// Shared helpers for the Baileys engine benchmarks (bench/baileys-*.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createStorageFromUrl, type Engine, type EngineSession } from "../packages/core/src/index.js";

type Storage = Awaited<ReturnType<typeof createStorageFromUrl>>;

export const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Logs one engine session in like the core's runtime does: QR → scan → 515 → new session → open. */
export async function loginSession(
  engine: Engine,
  profileId: string,
  scan: (qr: string) => Promise<unknown>,
  storage?: Storage,
): Promise<EngineSession> {
  storage ??= await createStorageFromUrl("memory:");
  for (let attempt = 0; attempt < 3; attempt++) {
    let resolve!: (v: "open" | "restart") => void;
    let reject!: (e: Error) => void;
    const outcome = new Promise<"open" | "restart">((res, rej) => ((resolve = res), (reject = rej)));
    const session = engine.createSession({
      profileId,
      storage: storage!,
      logger: console,
      emit(event, payload) {
        if (event === "qr") void scan((payload as { qr: string }).qr).catch(reject);
        if (event !== "connection.update") return;
        const u = payload as { state: string; reason?: string };
        if (u.state === "open") resolve("open");
        else if (u.state === "close" && u.reason === "restart_required") resolve("restart");
        else if (u.state === "close") reject(new Error(`closed: ${u.reason}`));
      },
    });
    await session.connect();
    if ((await outcome) === "open") return session;
  }
  throw new Error("no open after 3 attempts");
}

/** Starts the simulator CLI in its own process, so its memory is not counted here. */
export async function simulatorProcess(): Promise<{
  url: string;
  admin(path: string, body?: unknown): Promise<any>;
  cert: string;
  stop(): void;
  proc: ChildProcess;
}> {
  const proc = spawn(
    process.execPath,
    ["--conditions=dev-source", "--import", "tsx", root("packages/simulator/src/cli.ts"), "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
      cwd: root(""),
    },
  );
  process.on("exit", () => proc.kill()); // also when the bench fails
  const port = await new Promise<number>((resolve) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      const m = /listening on port (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const admin = async (path: string, body?: unknown): Promise<any> => {
    const res = await fetch(
      `${base}${path}`,
      body === undefined
        ? {}
        : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } },
    );
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { cert } = await admin("/admin/cert");
  return { url: `ws://127.0.0.1:${port}/ws/chat`, admin, cert, stop: () => proc.kill(), proc };
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
