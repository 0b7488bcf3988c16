import { Agent, request } from "node:http";

export interface LoadRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** A closed-loop HTTP load generator on keep-alive sockets: `concurrency` workers send back to back for `seconds`. */
export async function load(options: {
  url: string;
  init: () => LoadRequest;
  seconds: number;
  concurrency: number;
}): Promise<{ rps: number; ok: number; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const deadline = Date.now() + options.seconds * 1000;
  let ok = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (Date.now() < deadline) {
        const status = await send(options.url, options.init(), agent).catch(() => 0);
        if (status > 0 && status < 400) ok++;
        else failed++;
      }
    }),
  );
  agent.destroy();
  return { rps: ok / ((Date.now() - started) / 1000), ok, failed };
}

export function send(url: string, init: LoadRequest, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
