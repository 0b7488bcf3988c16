import type { MultiWA, MultiWAOptions } from "../multiwa.js";
import { Automation, type AutomationOptions } from "./automation.js";

export { Automation };

export type AutomationSettingsOptions = Partial<Pick<AutomationOptions, "repliesPerMinute" | "clockMs">>;

/** Builds `wa.automation`; the node's bookkeeping hands it each inbound message with its sender. */
export function createAutomation(wa: MultiWA, options: MultiWAOptions): Automation {
  return new Automation({
    ...options.automation,
    storage: wa.storage,
    db: wa.database.db,
    contacts: wa.contacts,
    templates: wa.templates,
    history: wa.history,
    logger: options.logger ?? { debug() {}, info() {}, warn() {}, error() {} },
    send: (profileId, request) => wa.messages.send(profileId, request),
    owns: (profileId) => wa.sessions.isRunningHere(profileId),
    http: { client: wa.outbound },
    profile: (profileId) => wa.profiles.find(profileId),
    profiles: () => wa.profiles.list(),
  });
}
