async function profileView(wa, profile) {
  const state = await wa.status(profile.id);
  const rest = profile;
  const capabilities = wa.capabilities()[profile.engine];
  return { ...rest, status: state.status, queued: state.queued, ...state.me ? { me: state.me } : {}, ...capabilities ? { capabilities } : {} };
}

export { profileView as p };
//# sourceMappingURL=views.mjs.map
