import { MultiWAError } from "../errors.js";
import type { Capability } from "./capabilities.js";
import type { Engine, EngineSession } from "./types.js";

/** The optional session method each capability needs; send.* all go through `send`. */
const METHOD_OF: Partial<Record<Capability, keyof EngineSession>> = {
  "login.pairingCode": "requestPairingCode",
  logout: "logout",
  presence: "sendPresence",
  "receipts.read": "markRead",
  "groups.create": "groupCreate",
  "groups.info": "groupInfo",
  "groups.participants": "groupParticipants",
  "groups.invite": "groupInviteCode",
  "groups.leave": "groupLeave",
  "media.download": "downloadMedia",
  // --- Directory and own account ---
  "contacts.check": "checkNumbers",
  "contacts.lid": "resolveIds",
  "contacts.picture": "profilePictureUrl",
  "contacts.about": "contactAbout",
  "contacts.business": "businessProfile",
  "contacts.block": "setBlocked",
  "contacts.blocklist": "blocklist",
  "profile.name": "setProfileName",
  "profile.about": "setProfileAbout",
  "profile.picture": "setProfilePicture",
  "profile.privacy": "privacy",
};

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

/** Returns the bound session method behind a capability, after checking that it is declared and present. */
export function capabilityMethod<K extends keyof EngineSession>(
  engine: Engine,
  session: EngineSession,
  capability: Capability,
): NonNullable<EngineSession[K]> {
  assertCapability(engine, capability);
  const name = METHOD_OF[capability] as K | undefined;
  const method = name ? session[name] : undefined;
  if (typeof method !== "function") {
    throw new MultiWAError(
      "CAPABILITY_UNSUPPORTED",
      `Engine "${engine.name}" declares \`${capability}\` but has no \`${String(name)}\``,
      {
        details: { engine: engine.name, capability },
      },
    );
  }
  return method.bind(session) as NonNullable<EngineSession[K]>;
}

/** Lists declared capabilities whose method is missing: a bug in the engine, caught by the conformance suite. */
export function missingCapabilityMethods(engine: Engine, session: EngineSession): Capability[] {
  return engine.capabilities.filter((c) => {
    const name = METHOD_OF[c];
    return name !== undefined && typeof session[name] !== "function";
  });
}
