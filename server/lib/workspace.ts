import { z } from "zod";
import type { MultiWA } from "@multiwa/core";
import { authorizeWorkspace, type RequestPrincipal } from "./auth.js";

export const WorkspaceQuery = z.object({ workspaceId: z.string().min(1).max(64).optional().describe("For gateway-wide keys; a workspace key always acts in its own workspace") });

/** The workspace a contacts/templates/campaigns call acts in: the key's own, else `?workspaceId=`, else "default". */
export async function workspaceFor(wa: MultiWA, principal: RequestPrincipal, requested?: string): Promise<string> {
  return (await authorizeWorkspace(wa, principal, principal.workspaceId ?? requested ?? "default")).id;
}

/** Multipart upload → the JSON body shape: the file part becomes `field` as text. */
export function fileAsText(field: string) {
  return (form: Record<string, unknown>): Record<string, unknown> => {
    const { media, mimetype: _m, fileName: _f, ...rest } = form as { media?: { base64: string }; mimetype?: string; fileName?: string };
    return media ? { ...rest, [field]: Buffer.from(media.base64, "base64").toString("utf8") } : rest;
  };
}
