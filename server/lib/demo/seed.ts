import { randomBytes } from "node:crypto";
import type { MultiWA } from "@multiwa/core";
import { useConfig } from "../config/config.js";
import type { DemoInspector } from "./inspector.js";
import type { DemoWorld } from "./world.js";

export const DEMO_ORGANIZATION = "demo";
export const DEMO_WORKSPACE = "demo";
export const DEMO_EMAIL = "demo@multiwa.local";
/** Marks the webhook the demo owns in a workspace (re-pointed on start, removed on reset). */
export const DEMO_WEBHOOK_DESCRIPTION = "MultiWA demo: webhook inspector";

/** The demo profile's id in a workspace. */
export function demoProfileId(workspaceId: string): string {
  return workspaceId === DEMO_WORKSPACE ? "demo-line" : `demo-line-${workspaceId}`;
}

/**
 * The demo organization, its owner (email and password printed once per start) and its seeded
 * workspace. `MULTIWA_DEMO_PASSWORD` fixes the password (tests); otherwise a fresh one each start.
 */
export async function seedDemo(
  wa: MultiWA,
  demo: { world: DemoWorld; inspector: DemoInspector },
  port: string,
): Promise<void> {
  const orgs = wa.tenancy.organizations;
  if (!(await orgs.organization(DEMO_ORGANIZATION).catch(() => undefined)))
    await orgs.createOrganization({ id: DEMO_ORGANIZATION, name: "Demo organization" });
  if (!(await orgs.workspace(DEMO_WORKSPACE).catch(() => undefined)))
    await orgs.createWorkspace(DEMO_ORGANIZATION, { id: DEMO_WORKSPACE, name: "Demo workspace" });
  const password = useConfig().MULTIWA_DEMO_PASSWORD ?? `demo-${randomBytes(6).toString("base64url")}`;
  const existing = await wa.tenancy.users.findByEmail(DEMO_EMAIL);
  const user = existing ?? (await wa.tenancy.users.create({ email: DEMO_EMAIL, password, name: "Demo owner" }));
  if (existing) await wa.tenancy.users.setPassword(user.id, password);
  if (!(await wa.tenancy.members.membership(DEMO_ORGANIZATION, user.id)))
    await wa.tenancy.members.add(DEMO_ORGANIZATION, user.id, { "*": "owner" });
  await seedWorkspace(wa, demo, DEMO_WORKSPACE);
  console.info(
    [
      "",
      "[multiwa] Demo mode: a simulated WhatsApp network runs inside this process (nothing reaches WhatsApp).",
      `[multiwa]   Open http://localhost:${port}/ and sign in with`,
      `[multiwa]     email     ${DEMO_EMAIL}`,
      `[multiwa]     password  ${password}`,
      '[multiwa]   Then Profiles → "demo-line" → Start → "Link a demo phone".',
      "",
    ].join("\n"),
  );
}

/** The demo profile (real Baileys, not started) and the inspector webhook, created when missing. */
export async function seedWorkspace(
  wa: MultiWA,
  demo: { inspector: DemoInspector },
  workspaceId: string,
): Promise<void> {
  const id = demoProfileId(workspaceId);
  if (!(await wa.profiles.find(id))) {
    const engine = wa.engines.baileys ? "baileys" : undefined;
    await wa.profiles.create({
      id,
      name: "Demo line",
      workspaceId,
      ...(engine ? { engine } : {}),
      pacing: { minDelayMs: 300, jitterMs: 300 },
    });
  }
  const url = demo.inspector.url(workspaceId);
  const hooks = (await wa.webhooks.list({ workspaceId })).filter((h) => h.description === DEMO_WEBHOOK_DESCRIPTION);
  // A stored inspector webhook from an earlier run points at that run's token: replace it.
  for (const stale of hooks.filter((h) => h.url !== url)) await wa.webhooks.remove(stale.id);
  if (hooks.some((h) => h.url === url)) return;
  const { secret } = await wa.webhooks.create({
    url,
    events: ["message.*"],
    workspaceId,
    description: DEMO_WEBHOOK_DESCRIPTION,
  });
  demo.inspector.setSecret(workspaceId, secret);
}

/** Deletes the workspace's profiles, webhooks and contacts, forgets its simulated lines and deliveries, and seeds it again. */
export async function resetWorkspace(
  wa: MultiWA,
  demo: { world: DemoWorld; inspector: DemoInspector },
  workspaceId: string,
): Promise<void> {
  for (const profile of await wa.profiles.list({ workspaceId })) {
    // Logging out unlinks the device from the simulated phone, as a user would; a stopped profile just goes.
    if ((await wa.sessions.status(profile.id)).status === "open")
      await wa.sessions.logout(profile.id).catch(() => undefined);
    await wa.profiles.remove(profile.id);
    demo.world.forget(profile.id);
  }
  for (const hook of await wa.webhooks.list({ workspaceId })) await wa.webhooks.remove(hook.id);
  await wa.contacts.removeWorkspace(workspaceId);
  demo.inspector.clear(workspaceId);
  await seedWorkspace(wa, demo, workspaceId);
}
