/** What a CRUD page's collection can do; each call is the SDK operation behind it. */
export interface CollectionOptions<T extends { id: string }, C, R, U> {
  list: () => Promise<readonly T[]>;
  create?: (input: C) => Promise<R>;
  /** The new item inside `create`'s answer (`{ key, token }` → `key`); @default the answer itself */
  created?: (result: R) => T;
  update?: (id: string, patch: U) => Promise<T>;
  /** An answer replaces the item (a revoked key stays listed); none drops it. */
  remove?: (id: string) => Promise<T | void>;
  /** Order kept after every change; @default the gateway's, new items at `at` */
  sort?: (a: T, b: T) => number;
  /** Where a new item goes without `sort`; @default "end" */
  at?: "start" | "end";
}

/**
 * The list state of a CRUD page (keys, webhooks, transports, rules, templates): the items, whether the
 * first load finished, a busy flag while any call runs and the last failure as a readable message.
 * Calls still throw, so a dialog can stay open and a page can toast.
 */
export function useCollection<T extends { id: string }, C = never, R = T, U = never>(
  options: CollectionOptions<T, C, R, U>,
) {
  const items = shallowRef<T[]>([]);
  const loaded = ref(false);
  const running = ref(0);
  const error = ref("");
  const order = (list: T[]) => (options.sort ? [...list].sort(options.sort) : list);

  async function track<V>(run: () => Promise<V>): Promise<V> {
    running.value++;
    error.value = "";
    try {
      return await run();
    } catch (e) {
      error.value = errorMessage(e);
      throw e;
    } finally {
      running.value--;
    }
  }

  const put = (item: T, at = options.at ?? "end") => {
    const rest = items.value.filter((i) => i.id !== item.id);
    const known = rest.length < items.value.length;
    if (known) items.value = order(items.value.map((i) => (i.id === item.id ? item : i)));
    else items.value = order(at === "start" ? [item, ...rest] : [...rest, item]);
  };

  const refresh = () =>
    track(async () => {
      items.value = order([...(await options.list())]);
      loaded.value = true;
    });

  const create = (input: C) =>
    track(async () => {
      const result = await _required(options.create, "create")(input);
      put(options.created ? options.created(result) : (result as unknown as T));
      return result;
    });

  const update = (id: string, patch: U) =>
    track(async () => {
      const item = await _required(options.update, "update")(id, patch);
      put(item);
      return item;
    });

  const remove = (id: string) =>
    track(async () => {
      const kept = await _required(options.remove, "remove")(id);
      if (kept) put(kept);
      else items.value = items.value.filter((i) => i.id !== id);
    });

  return {
    items: shallowReadonly(items),
    loaded: readonly(loaded),
    busy: computed(() => running.value > 0),
    error: readonly(error),
    refresh,
    create,
    update,
    remove,
  };
}

// --- Internal helpers ---

function _required<F>(fn: F | undefined, name: string): F {
  if (!fn) throw new TypeError(`This collection has no \`${name}\``);
  return fn;
}
