import type { InboundStatusContent } from "../engine/status-types.js";
import { MultiWAError } from "../errors.js";
import { phoneOf, userJid } from "./mock-jid.js";
import type { MockEndpoint } from "./mock-network.js";

/** A status on the mock network: who posted it, to whom, and who has seen it. */
export interface MockStatus {
  id: string;
  from: string;
  recipients: string[];
  content: InboundStatusContent;
  timestamp: number;
  deleted: boolean;
}

/**
 * Statuses (stories) on the mock network (issue #21): an account's post reaches the linked sessions of the
 * numbers in its list, a view reaches the poster's sessions, a delete reaches the same list.
 */
export class MockStatuses {
  private readonly statuses = new Map<string, MockStatus>();
  private seq = 0;

  constructor(private readonly endpointsOf: (phone: string) => Iterable<MockEndpoint>) {}

  /** `fromPhone` posts a status to `recipients` (JIDs or numbers). */
  post(fromPhone: string, content: InboundStatusContent, recipients: string[], id?: string): MockStatus {
    const status: MockStatus = {
      id: id ?? `MOCKSTATUS${fromPhone}${++this.seq}`,
      from: fromPhone,
      recipients: recipients.map(phoneOf),
      content,
      timestamp: Date.now(),
      deleted: false,
    };
    this.statuses.set(status.id, status);
    for (const to of status.recipients)
      for (const endpoint of this.endpointsOf(to))
        endpoint.event("status.received", {
          id: status.id,
          sender: userJid(fromPhone),
          timestamp: status.timestamp,
          content,
        });
    return status;
  }

  /** `viewerPhone` views status `id`: its poster's sessions hear of it. */
  view(viewerPhone: string, id: string): void {
    const status = this.require(id);
    if (!status.recipients.includes(viewerPhone))
      throw new MultiWAError("VALIDATION_FAILED", `${viewerPhone} was not sent status ${id}`, { scope: "mock" });
    for (const endpoint of this.endpointsOf(status.from))
      endpoint.event("status.viewed", { id, viewer: userJid(viewerPhone), timestamp: Date.now() });
  }

  delete(byPhone: string, id: string): void {
    const status = this.require(id);
    if (status.from !== byPhone)
      throw new MultiWAError("VALIDATION_FAILED", `Status ${id} is not ${byPhone}'s`, { scope: "mock" });
    status.deleted = true;
    for (const to of status.recipients)
      for (const endpoint of this.endpointsOf(to))
        endpoint.event("status.deleted", { id, sender: userJid(byPhone), fromMe: false });
  }

  /** The statuses `phone` was sent (the newest last), deleted ones included. */
  receivedBy(phone: string): MockStatus[] {
    return [...this.statuses.values()].filter((s) => s.recipients.includes(phone));
  }

  get(id: string): MockStatus | undefined {
    return this.statuses.get(id);
  }

  // --- Internal helpers ---

  private require(id: string): MockStatus {
    const status = this.statuses.get(id);
    if (!status) throw new MultiWAError("NOT_FOUND", `No status ${id} on the mock network`, { scope: "mock" });
    return status;
  }
}
