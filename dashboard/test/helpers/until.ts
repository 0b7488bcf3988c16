/** Polls `check` until it returns a truthy value; bounded, never a fixed sleep. */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeout = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
