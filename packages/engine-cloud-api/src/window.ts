import type { Storage } from "unstorage";

/** The customer-service window: free-form messages only within 24 hours of the customer's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** When each customer last wrote, in the profile's shared storage (read by any node's preflight). */
export function windowKey(user: string): string {
  return `cloud:window:${user}`;
}

export async function touchWindow(storage: Storage, user: string, at: number): Promise<void> {
  await storage.setItem(windowKey(user), at);
}

export async function windowOpen(storage: Storage, user: string, now = Date.now()): Promise<boolean> {
  const last = await storage.getItem<number>(windowKey(user));
  return typeof last === "number" && now - last < WINDOW_MS;
}
