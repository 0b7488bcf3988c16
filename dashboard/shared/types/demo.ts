/** Shapes of the demo-mode routes (`/api/demo/*`, see /openapi.json), only served with MULTIWA_DEMO=1. */
export interface DemoContact {
  phone: string;
  name: string;
  jid: string;
}

export interface DemoStatus {
  workspaceId: string;
  /** The seeded Baileys profile of this workspace. */
  profileId: string;
  contacts: DemoContact[];
  inspectorUrl: string;
  /** Profile id → number of the simulated phone it is linked to. */
  lines: Record<string, string>;
}

/** One message in a simulated contact's chat with a profile: `in` = the profile sent it. */
export interface DemoPhoneMessage {
  id: string;
  direction: "in" | "out";
  type: string;
  text?: string;
  options?: string[];
  target?: string;
  at: number;
  status?: "queued" | "sending" | "sent" | "delivered" | "read" | "failed";
  /** When the gateway received this phone's delivery and read receipts (ms). */
  receipts?: { delivered?: number; read?: number };
}

export type DemoPhoneSend =
  | { type: "text"; text: string }
  | { type: "image"; caption?: string; base64?: string; mimetype?: "image/png" | "image/jpeg" }
  | { type: "reaction"; messageId: string; emoji: string }
  | { type: "poll_vote"; messageId: string; options: string[] };

export interface InspectedDelivery {
  deliveryId: string;
  event: string;
  attempt: number;
  receivedAt: number;
  headers: Record<string, string>;
  body: string;
  signature: { header: string; valid: boolean; reason?: string };
  answered: number;
}

export interface DemoInspector {
  url: string;
  failNext: number;
  records: InspectedDelivery[];
}
