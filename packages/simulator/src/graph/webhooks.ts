import { createHmac } from "node:crypto";

/** One POST the simulator made (or tried) to the gateway, for tests that check retries and signatures. */
export interface WebhookAttempt {
  url: string;
  body: string;
  status: number | "error";
  attempt: number;
  at: number;
}

export interface WebhookSenderOptions {
  appSecret: string;
  /** Waits before each retry when the gateway does not answer 200 (Meta retries for days). @default [100, 400, 1500, 4000] */
  retryDelaysMs?: number[];
  /** Abort one POST after this long. @default 5000 */
  timeoutMs?: number;
}

/**
 * Posts signed webhook payloads: `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the
 * app secret>`, retried with growing delays until the receiver answers 200.
 */
export class WebhookSender {
  readonly attempts: WebhookAttempt[] = [];
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Queues a payload; resolves once it was accepted or every retry failed. */
  post(url: string, payload: unknown): Promise<void> {
    const body = JSON.stringify(payload);
    const run = this.deliver(url, body).finally(() => this.pending.delete(run));
    this.pending.add(run);
    return run;
  }

  /** Resolves when every queued payload was accepted or given up. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
  }

  // --- Internal helpers ---

  private async deliver(url: string, body: string): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [100, 400, 1500, 4000];
    for (let attempt = 0; attempt <= delays.length && !this.closed; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, delays[attempt - 1]));
      const status = await this.once(url, body);
      this.attempts.push({ url, body, status, attempt, at: Date.now() });
      if (status === 200) return;
    }
  }

  private async once(url: string, body: string): Promise<number | "error"> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(this.options.appSecret, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return "error";
    }
  }
}

/** The signature Meta sends: `sha256=` and the hex HMAC-SHA256 of the exact bytes posted. */
export function signPayload(appSecret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}
