import type { MediaFile } from "./gateway.js";

/** WhatsApp's own ceiling for media is lower; a larger attachment is refused while it is read. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/**
 * Downloads an agent's attachment (`data_url` of Chatwoot's webhook). The access token goes only to
 * Chatwoot's own origin (compared exactly, never by prefix); http(s) only; size and time capped. The
 * URL comes from the operator's Chatwoot, which may live on a private network, so private targets are
 * not refused here (the gateway's guard applies to URLs API users supply).
 */
export async function downloadAttachment(url: string, chatwoot: { url: string; apiToken: string }): Promise<MediaFile> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:")
    throw new Error(`[multiwa] [chatwoot-bridge] attachment URL must be http(s), got ${target.protocol}`);
  const own = target.origin === new URL(chatwoot.url).origin;
  const res = await fetch(target, {
    ...(own ? { headers: { api_access_token: chatwoot.apiToken } } : {}),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const where = `${target.origin}${target.pathname}`;
  if (!res.ok) throw new Error(`[multiwa] [chatwoot-bridge] attachment ${where} answered ${res.status}`);
  const data = await _readCapped(res, where);
  const fileName = decodeURIComponent(target.pathname.split("/").at(-1) ?? "") || undefined;
  return {
    data,
    mimetype: res.headers.get("content-type")?.split(";")[0] ?? "application/octet-stream",
    ...(fileName ? { fileName } : {}),
  };
}

async function _readCapped(res: Response, where: string): Promise<Uint8Array> {
  if (Number(res.headers.get("content-length") ?? 0) > MAX_ATTACHMENT_BYTES) throw _tooLarge(where);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_ATTACHMENT_BYTES) throw _tooLarge(where);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function _tooLarge(where: string): Error {
  return new Error(`[multiwa] [chatwoot-bridge] attachment ${where} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
}
