import type { Storage } from "unstorage";
import type { OutboxItem } from "../outbox/outbox.js";
import { NS, safeKey } from "../storage/namespaces.js";

/**
 * The outbox saves an item before its idempotency key, so a crash between the two writes leaves a
 * queued campaign message the key does not point to; a resumed campaign would then send a second
 * copy. Run before the outboxes restore: it writes the missing keys of campaign messages.
 */
export async function repairCampaignKeys(storage: Storage): Promise<number> {
  let repaired = 0;
  for (const key of await storage.getKeys(NS.outbox)) {
    const item = await storage.getItem<OutboxItem>(key);
    const idempotencyKey = item?.options?.idempotencyKey;
    if (!item || !idempotencyKey?.startsWith("campaign:")) continue;
    const idemKey = `${NS.idempotency}:${item.profileId}:${safeKey(idempotencyKey)}`;
    if (await storage.hasItem(idemKey)) continue;
    await storage.setItem(idemKey, item.id);
    repaired++;
  }
  return repaired;
}
