import type { MultiWA, Profile } from "@multiwa/core";

/** A profile as the API shows it: stored fields plus the live session state. */
export async function profileView(wa: MultiWA, profile: Profile) {
  const state = await wa.sessions.status(profile.id);
  const rest = profile;
  const capabilities = wa.capabilities()[profile.engine];
  return {
    ...rest,
    status: state.status,
    queued: state.queued,
    ...(state.me ? { me: state.me } : {}),
    ...(capabilities ? { capabilities } : {}),
  };
}
