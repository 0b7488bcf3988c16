import { z } from "zod";
import { resourceId, type MultiWA } from "@multiwa/core";
import { AUTHENTICATED, type RequestPrincipal } from "./auth.js";

export const WorkspaceQuery = z.object({
  workspaceId: resourceId("workspace")
    .optional()
    .describe("For gateway-wide keys; a workspace key always acts in its own workspace"),
});

/** The workspace a call acts in (the caller's own, else `requested`, else "default"), authorized by the one resolver. */
export async function workspaceFor(wa: MultiWA, principal: RequestPrincipal, requested?: string): Promise<string> {
  const permission = principal.required === AUTHENTICATED ? undefined : principal.required;
  return (await wa.access.workspaceIn(principal, permission, principal.workspaceId ?? requested ?? "default")).id;
}

/** Multipart upload → the JSON body shape: the file part becomes `field` as text. */
export function fileAsText(field: string) {
  return (form: Record<string, unknown>): Record<string, unknown> => {
    const {
      media,
      mimetype: _m,
      fileName: _f,
      ...rest
    } = form as { media?: { base64: string }; mimetype?: string; fileName?: string };
    return media ? { ...rest, [field]: Buffer.from(media.base64, "base64").toString("utf8") } : rest;
  };
}
