import { MultiWAError } from "../errors.js";
import type { Capability } from "./capabilities.js";
import type { Engine, EngineSession } from "./types.js";

/** The optional methods of `EngineSession` (beyond connect/disconnect/send). */
type OptionalMethod = {
  [K in keyof EngineSession]-?: object extends Pick<EngineSession, K> ? K : never;
}[keyof EngineSession];

/** An engine method backed by a capability: what `SessionHost.invoke` runs on the node holding the session. */
export type SessionMethod = Exclude<OptionalMethod, "ingest">;
export type SessionArgs<M extends SessionMethod> = Parameters<NonNullable<EngineSession[M]>>;
export type SessionResult<M extends SessionMethod> = Awaited<ReturnType<NonNullable<EngineSession[M]>>>;

/**
 * The capability each engine method needs; send.* all go through `send`. Typed over every optional
 * method, so a new engine method does not compile until it names its capability here.
 */
export const CAPABILITY_OF: { readonly [M in SessionMethod]: Capability } = {
  requestPairingCode: "login.pairingCode",
  logout: "logout",
  sendPresence: "presence",
  markRead: "receipts.read",
  groupCreate: "groups.create",
  groupInfo: "groups.info",
  groupParticipants: "groups.participants",
  groupInviteCode: "groups.invite",
  groupLeave: "groups.leave",
  downloadMedia: "media.download",
  // --- Directory and own account ---
  checkNumbers: "contacts.check",
  resolveIds: "contacts.lid",
  profilePictureUrl: "contacts.picture",
  contactAbout: "contacts.about",
  businessProfile: "contacts.business",
  setBlocked: "contacts.block",
  blocklist: "contacts.blocklist",
  setProfileName: "profile.name",
  setProfileAbout: "profile.about",
  setProfilePicture: "profile.picture",
  privacy: "profile.privacy",
  // --- Chats (issue #20) ---
  archiveChat: "chats.archive",
  pinChat: "chats.pin",
  muteChat: "chats.mute",
  markChatUnread: "chats.markUnread",
  deleteChat: "chats.delete",
  clearChat: "chats.clear",
  starMessage: "messages.star",
  pinMessage: "messages.pin",
  fetchHistory: "history.sync",
  // --- Group administration and calls ---
  groupList: "groups.list",
  groupUpdate: "groups.update",
  groupSetPicture: "groups.picture",
  groupJoin: "groups.join",
  groupInviteInfo: "groups.inviteInfo",
  groupRevokeInvite: "groups.revokeInvite",
  groupRequests: "groups.requests",
  groupRequestsUpdate: "groups.requests.manage",
  rejectCall: "calls.reject",
  listBusinessTemplates: "templates.manage",
  createBusinessTemplate: "templates.manage",
  deleteBusinessTemplate: "templates.manage",
  // --- Status (stories, issue #21) ---
  postStatus: "status.post",
  deleteStatus: "status.post",
  // --- Channels (newsletters, issue #21) ---
  channelCreate: "channels.manage",
  channelInfo: "channels.read",
  channelList: "channels.read",
  channelFollow: "channels.follow",
  channelUnfollow: "channels.follow",
  channelMute: "channels.follow",
  channelSend: "channels.manage",
  channelMessages: "channels.read",
  channelAdminCount: "channels.read",
  // --- Labels (WhatsApp Business, issue #21) ---
  saveLabel: "labels.manage",
  labelChat: "labels.manage",
  labelMessage: "labels.manage",
};

export function isSessionMethod(name: string): name is SessionMethod {
  return Object.hasOwn(CAPABILITY_OF, name);
}

export function hasCapability(engine: Engine, capability: Capability): boolean {
  return engine.capabilities.includes(capability);
}

/** Fails with CAPABILITY_UNSUPPORTED, naming engine and capability, before any engine code runs. */
export function assertCapability(engine: Engine, capability: Capability): void {
  if (hasCapability(engine, capability)) return;
  throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Engine "${engine.name}" does not support \`${capability}\``, {
    details: { engine: engine.name, capability },
  });
}

/** Returns the bound session method, after checking that its capability is declared and the method present. */
export function capabilityMethod<M extends SessionMethod>(
  engine: Engine,
  session: EngineSession,
  method: M,
): NonNullable<EngineSession[M]> {
  const capability = CAPABILITY_OF[method];
  assertCapability(engine, capability);
  const bound = session[method];
  if (typeof bound !== "function") {
    throw new MultiWAError(
      "CAPABILITY_UNSUPPORTED",
      `Engine "${engine.name}" declares \`${capability}\` but has no \`${method}\``,
      {
        details: { engine: engine.name, capability },
      },
    );
  }
  return (bound as (...args: unknown[]) => unknown).bind(session) as NonNullable<EngineSession[M]>;
}

/** Lists declared capabilities whose method is missing: a bug in the engine, caught by the conformance suite. */
export function missingCapabilityMethods(engine: Engine, session: EngineSession): Capability[] {
  const missing = new Set<Capability>();
  for (const [method, capability] of Object.entries(CAPABILITY_OF) as [SessionMethod, Capability][])
    if (hasCapability(engine, capability) && typeof session[method] !== "function") missing.add(capability);
  return engine.capabilities.filter((c) => missing.has(c));
}
