/**
 * An async stream fed by callbacks: yields what `subscribe`'s `push` hands over, in order, until it
 * pushes `undefined` or `signal` aborts. Listeners are attached on the first read and always removed.
 */
export async function* pushStream<T>(
  subscribe: (push: (value: T | undefined) => void) => () => void,
  /** What to yield first, read when the stream is first read. */
  initial: () => T[] = () => [],
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const pending: (T | undefined)[] = initial();
  let wake: (() => void) | undefined;
  const push = (value: T | undefined) => {
    pending.push(value);
    wake?.();
  };
  const unsubscribe = subscribe(push);
  const onAbort = () => push(undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      if (!pending.length) await new Promise<void>((resolve) => (wake = resolve));
      const next = pending.shift();
      if (next === undefined) return;
      yield next;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}
