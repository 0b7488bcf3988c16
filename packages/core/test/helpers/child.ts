import { spawn } from "node:child_process";

/** Runs a TypeScript script in a child process (tsx) and resolves once its stdout satisfies `until`. */
export function runChild(script: string, args: string[], until: (out: string) => boolean) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const reached = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => until(out) && (clearInterval(timer), resolve(out)), 20);
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      if (until(out)) resolve(out);
      else reject(new Error(`child exited (${code ?? signal}) early: ${err || out}`));
    });
  });
  return { child, reached, exited: new Promise((r) => child.on("exit", r)) };
}
