import type { CallEndReason } from "../engine/call-types.js";
import { MultiWAError } from "../errors.js";
import { userJid } from "./mock-jid.js";
import type { MockEndpoint } from "./mock-network.js";

interface MockCall {
  from: string;
  to: string;
  ended?: CallEndReason;
}

/** Calls on the mock network: a phone rings an account, the account's sessions reject or the caller hangs up. */
export class MockCalls {
  private readonly calls = new Map<string, MockCall>();
  private seq = 0;

  constructor(private readonly endpointsOf: (phone: string) => Iterable<MockEndpoint>) {}

  /** `fromPhone` rings `toPhone`; returns the call id. */
  offer(fromPhone: string, toPhone: string, options: { video?: boolean } = {}): string {
    const callId = `MOCKCALL${++this.seq}`;
    this.calls.set(callId, { from: fromPhone, to: toPhone });
    for (const endpoint of this.endpointsOf(toPhone))
      endpoint.event("call.received", {
        callId,
        from: userJid(fromPhone),
        isVideo: Boolean(options.video),
        isGroup: false,
        timestamp: Date.now(),
        offline: false,
      });
    return callId;
  }

  /** How the call ended, if it did. */
  state(callId: string): CallEndReason | undefined {
    return this.calls.get(callId)?.ended;
  }

  reject(callId: string, byPhone: string): void {
    const call = this.calls.get(callId);
    if (!call || call.to !== byPhone)
      throw new MultiWAError("VALIDATION_FAILED", `No call ${callId} to this account`, { scope: "mock" });
    this.end(callId, "rejected");
  }

  end(callId: string, reason: CallEndReason): void {
    const call = this.calls.get(callId);
    if (!call || call.ended) return;
    call.ended = reason;
    for (const endpoint of this.endpointsOf(call.to))
      endpoint.event("call.ended", { callId, from: userJid(call.from), reason, timestamp: Date.now() });
  }
}
