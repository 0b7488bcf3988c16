import { defineApiHandler } from "#lib/handler.js";
import { demoProfileId } from "#lib/demo/seed.js";
import { demoWorkspace, useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoStatus, async ({ wa, principal, query }) => {
  const { world, inspector } = await useDemo();
  const workspaceId = await demoWorkspace(wa, principal, query.workspaceId);
  const lines: Record<string, string> = {};
  for (const profile of await wa.profiles.list({ workspaceId })) {
    const line = world.line(profile.id);
    if (line) lines[profile.id] = line.pn;
  }
  const contacts = world.contacts.map((c) => ({ phone: c.pn, name: c.name, jid: c.jid }));
  return {
    workspaceId,
    profileId: demoProfileId(workspaceId),
    contacts,
    inspectorUrl: inspector.url(workspaceId),
    lines,
  };
});
