import type {
  GroupJoinRequest,
  GroupJoinResult,
  GroupParticipantsAction,
  GroupPatch,
  GroupRequestAction,
  GroupSettings,
} from "../engine/group-types.js";
import type { EngineEvents, GroupInfo, ParticipantAction, ParticipantResult } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { phoneOf, userJid } from "./mock-jid.js";
import type { MockEndpoint } from "./mock-network.js";

interface MockGroup {
  id: string;
  subject: string;
  description: string;
  owner: string;
  admins: Set<string>;
  members: Set<string>;
  inviteCode: string;
  settings: GroupSettings;
  /** phone → when they asked to join. */
  requests: Map<string, number>;
  picture?: Uint8Array;
}

const DEFAULT_SETTINGS: GroupSettings = {
  announcementOnly: false,
  locked: false,
  ephemeralSeconds: 0,
  memberAddMode: "admins",
  approvalRequired: false,
};

/** The mock network's groups: membership, settings, invites and join requests, with events to members. */
export class MockGroups {
  private readonly groups = new Map<string, MockGroup>();
  private seq = 0;

  constructor(private readonly endpointsOf: (phone: string) => Iterable<MockEndpoint>) {}

  create(ownerPhone: string, subject: string, participants: string[]): GroupInfo {
    const id = `1203630${String(++this.seq).padStart(11, "0")}@g.us`;
    const members = new Set([ownerPhone, ...participants.map(phoneOf)]);
    const group: MockGroup = {
      id,
      subject,
      description: "",
      owner: ownerPhone,
      admins: new Set([ownerPhone]),
      members,
      inviteCode: `MOCK${this.seq}INVITE`,
      settings: { ...DEFAULT_SETTINGS },
      requests: new Map(),
    };
    this.groups.set(id, group);
    this.emit(group, ownerPhone, "group.update", {
      groupId: id,
      action: "create",
      subject,
      participants: [...members].map(userJid),
    });
    return this.info(id);
  }

  info(groupId: string): GroupInfo {
    const g = this.get(groupId);
    return {
      id: g.id,
      subject: g.subject,
      owner: userJid(g.owner),
      ...(g.description ? { description: g.description } : {}),
      participants: [...g.members].map((p) => ({
        jid: userJid(p),
        admin: p === g.owner ? "superadmin" : g.admins.has(p) ? "admin" : null,
      })),
      settings: { ...g.settings },
    };
  }

  /** Every group `phone` is a member of. */
  list(phone: string): GroupInfo[] {
    return [...this.groups.values()].filter((g) => g.members.has(phone)).map((g) => this.info(g.id));
  }

  /** Members other than `except`, who must be one. */
  members(groupId: string, except: string): string[] {
    const g = this.get(groupId);
    if (!g.members.has(except)) throw new MultiWAError("SEND_FAILED", `Not a member of ${groupId}`, { scope: "mock" });
    if (g.settings.announcementOnly && !g.admins.has(except))
      throw new MultiWAError("SEND_FAILED", "Only admins may send to this group", { scope: "mock" });
    return [...g.members].filter((p) => p !== except);
  }

  updateParticipants(groupId: string, byPhone: string, action: ParticipantAction, jids: string[]): ParticipantResult[] {
    const g = this.get(groupId);
    this.requireAdmin(g, byPhone, "change participants");
    const results = jids.map((jid) => {
      const p = phoneOf(jid);
      const member = g.members.has(p);
      if (action === "add") member ? undefined : g.members.add(p);
      else if (!member) return { jid, status: "404" };
      else if (action === "remove") (g.members.delete(p), g.admins.delete(p));
      else if (action === "promote") g.admins.add(p);
      else g.admins.delete(p);
      return { jid: userJid(p), status: action === "add" && member ? "409" : "200" };
    });
    const changed = results.filter((r) => r.status === "200").map((r) => phoneOf(r.jid));
    if (changed.length) this.participants(g, byPhone, action, changed, action === "remove" ? changed : []);
    return results;
  }

  leave(groupId: string, phone: string): void {
    const g = this.get(groupId);
    g.members.delete(phone);
    g.admins.delete(phone);
    this.participants(g, phone, "leave", [phone], [phone]);
  }

  inviteCode(groupId: string, byPhone?: string): string {
    const g = this.get(groupId);
    if (byPhone) this.requireAdmin(g, byPhone, "read the invite link");
    return g.inviteCode;
  }

  revokeInvite(groupId: string, byPhone: string): string {
    const g = this.get(groupId);
    this.requireAdmin(g, byPhone, "revoke the invite link");
    g.inviteCode = `MOCK${++this.seq}INVITE`;
    this.emit(g, byPhone, "group.update", { groupId, action: "invite", inviteCode: g.inviteCode });
    return g.inviteCode;
  }

  /** What an invite code leads to, without joining. */
  inviteInfo(code: string): GroupInfo {
    return this.info(this.byCode(code).id);
  }

  /** Joins by code, or files a join request when the group wants approval (then the group is not joined yet). */
  join(code: string, phone: string): GroupJoinResult {
    const g = this.byCode(code);
    if (g.members.has(phone)) return { groupId: g.id, pending: false };
    if (g.settings.approvalRequired) {
      g.requests.set(phone, Date.now());
      this.participants(g, phone, "request", [phone]);
      return { groupId: g.id, pending: true };
    }
    g.members.add(phone);
    this.participants(g, phone, "add", [phone]);
    return { groupId: g.id, pending: false };
  }

  update(groupId: string, byPhone: string, patch: GroupPatch): void {
    const g = this.get(groupId);
    const infoChange = patch.subject !== undefined || patch.description !== undefined;
    if (patch.settings || (infoChange && g.settings.locked)) this.requireAdmin(g, byPhone, "change group settings");
    if (!g.members.has(byPhone)) throw new MultiWAError("SEND_FAILED", `Not a member of ${groupId}`, { scope: "mock" });
    if (patch.subject !== undefined) {
      g.subject = patch.subject;
      this.emit(g, byPhone, "group.update", { groupId, action: "subject", subject: patch.subject });
    }
    if (patch.description !== undefined) {
      g.description = patch.description;
      this.emit(g, byPhone, "group.update", { groupId, action: "description", description: patch.description });
    }
    if (patch.settings && Object.keys(patch.settings).length) {
      Object.assign(g.settings, patch.settings);
      this.emit(g, byPhone, "group.update", { groupId, action: "settings", settings: { ...patch.settings } });
    }
  }

  setPicture(groupId: string, byPhone: string, picture: Uint8Array | null): void {
    const g = this.get(groupId);
    if (g.settings.locked) this.requireAdmin(g, byPhone, "change the picture");
    g.picture = picture ?? undefined;
    this.emit(g, byPhone, "group.update", { groupId, action: "picture" });
  }

  picture(groupId: string): Uint8Array | undefined {
    return this.get(groupId).picture;
  }

  requests(groupId: string, byPhone: string): GroupJoinRequest[] {
    const g = this.get(groupId);
    this.requireAdmin(g, byPhone, "see join requests");
    return [...g.requests].map(([p, at]) => ({ jid: userJid(p), requestedAt: at, method: "invite_link" }));
  }

  decideRequests(groupId: string, byPhone: string, action: GroupRequestAction, jids: string[]): ParticipantResult[] {
    const g = this.get(groupId);
    this.requireAdmin(g, byPhone, "decide join requests");
    const results = jids.map((jid) => {
      const p = phoneOf(jid);
      if (!g.requests.delete(p)) return { jid: userJid(p), status: "404" };
      if (action === "approve") g.members.add(p);
      return { jid: userJid(p), status: "200" };
    });
    const decided = results.filter((r) => r.status === "200").map((r) => phoneOf(r.jid));
    if (decided.length)
      this.participants(g, byPhone, action === "approve" ? "add" : "request_rejected", decided, decided);
    return results;
  }

  // --- Internal helpers ---

  private get(groupId: string): MockGroup {
    const g = this.groups.get(groupId);
    if (!g) throw new MultiWAError("VALIDATION_FAILED", `Unknown group ${groupId}`, { scope: "mock" });
    return g;
  }

  private byCode(code: string): MockGroup {
    const g = [...this.groups.values()].find((x) => x.inviteCode === code);
    if (!g) throw new MultiWAError("VALIDATION_FAILED", "Unknown or revoked invite code", { scope: "mock" });
    return g;
  }

  private requireAdmin(g: MockGroup, phone: string, what: string): void {
    if (!g.admins.has(phone)) throw new MultiWAError("SEND_FAILED", `Only group admins can ${what}`, { scope: "mock" });
  }

  private participants(
    g: MockGroup,
    author: string,
    action: GroupParticipantsAction,
    phones: string[],
    alsoNotify: string[] = [],
  ): void {
    this.emit(
      g,
      author,
      "group.participants",
      { groupId: g.id, action, participants: phones.map(userJid) },
      alsoNotify,
    );
  }

  private emit<K extends "group.update" | "group.participants">(
    g: MockGroup,
    author: string,
    event: K,
    payload: Omit<EngineEvents[K], "author">,
    alsoNotify: string[] = [],
  ): void {
    const full = { ...payload, author: userJid(author) } as EngineEvents[K];
    for (const member of new Set([...g.members, ...alsoNotify]))
      for (const endpoint of this.endpointsOf(member)) endpoint.event(event, full);
  }
}
