import type { MultiWA } from "@multiwa/core";
import type { RequestPrincipal } from "../auth.js";
import { apiError } from "../errors.js";
import { workspaceFor } from "../workspace.js";
import { DemoInspector } from "./inspector.js";
import { demoEnabled, selfUrl } from "./mode.js";
import { DEMO_WORKSPACE } from "./seed.js";
import { DemoWorld } from "./world.js";

export interface Demo {
  world: DemoWorld;
  inspector: DemoInspector;
}

let demo: Promise<Demo> | undefined;

/** Starts the demo's simulator once per process (the gateway's runtime calls it before loading engines). */
export function startDemo(): Promise<Demo> {
  demo ??= (async () => ({ world: await DemoWorld.start(), inspector: new DemoInspector(selfUrl()) }))();
  return demo;
}

/** The running demo; outside demo mode every `/api/demo` route answers 404. */
export function useDemo(): Promise<Demo> {
  if (!demo || !demoEnabled())
    throw apiError(404, { code: "NOT_FOUND", message: "Demo mode is off (start the gateway with MULTIWA_DEMO=1)" });
  return demo;
}

export async function closeDemo(): Promise<void> {
  const running = await demo;
  demo = undefined;
  await running?.world.close();
}

/** The workspace a demo call acts in: as `workspaceFor`, but a gateway-wide caller defaults to the demo workspace. */
export function demoWorkspace(wa: MultiWA, principal: RequestPrincipal, requested?: string): Promise<string> {
  const gatewayWide = !principal.organizationId && !principal.workspaceId;
  return workspaceFor(wa, principal, requested ?? (gatewayWide ? DEMO_WORKSPACE : undefined));
}
