import type WAWebJS from "whatsapp-web.js";
import { MultiWAError, type GroupInfo, type ParticipantResult } from "@multiwa/core";
import { fromWid } from "./ids.js";
import { ENGINE_NAME } from "./options.js";

interface GroupMetadata {
  owner?: { _serialized: string };
  desc?: string;
  creation?: number;
  subject?: string;
}

export function groupInfoOf(group: WAWebJS.GroupChat): GroupInfo {
  const meta = (group as unknown as { groupMetadata?: GroupMetadata }).groupMetadata ?? {};
  return {
    id: fromWid(group.id._serialized),
    subject: group.name || meta.subject || "",
    ...(meta.owner ? { owner: fromWid(meta.owner) } : {}),
    ...(meta.desc ? { description: meta.desc } : {}),
    ...(meta.creation ? { createdAt: meta.creation * 1000 } : {}),
    participants: group.participants.map((p) => ({
      jid: fromWid(p.id._serialized),
      admin: p.isSuperAdmin ? "superadmin" : p.isAdmin ? "admin" : null,
    })),
  };
}

type AddResult = Record<string, { code?: number; message?: string }> | string;

/**
 * `addParticipants` answers per participant (or with an error text); remove, promote and demote
 * answer once for all of them with `{ status }`.
 */
export function participantResults(
  wids: string[],
  result: AddResult | { status: number } | unknown,
): ParticipantResult[] {
  if (typeof result === "string")
    throw new MultiWAError("SEND_FAILED", `WhatsApp refused the change: ${result}`, { scope: ENGINE_NAME });
  const all = result as { status?: number } & Record<string, { code?: number }>;
  if (typeof all?.status === "number") return wids.map((w) => ({ jid: fromWid(w), status: String(all.status) }));
  return wids.map((w) => ({ jid: fromWid(w), status: String(all?.[w]?.code ?? 200) }));
}
