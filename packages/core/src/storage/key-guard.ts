import type { Storage } from "unstorage";
import { MultiWAError } from "../errors.js";

/** Longest key a driver is asked to store; fs drivers also have a 255-byte limit per path segment. */
export const MAX_KEY_LENGTH = 1024;
const MAX_SEGMENT = 200;
const KEYED = new Set([
  "hasItem",
  "getItem",
  "getItemRaw",
  "setItem",
  "setItemRaw",
  "removeItem",
  "getMeta",
  "setMeta",
  "removeMeta",
  "has",
  "get",
  "set",
  "del",
  "remove",
]);
const BASED = new Set(["getKeys", "keys", "clear"]);
const BATCH = new Set(["getItems", "setItems"]);

/**
 * Defence in depth beneath the schemas' id formats: no id that reaches a storage key can act as a
 * path (`..` segments, NUL and control characters, over-long names), whatever route or library caller
 * it came through. A refused key is an `INVALID_ID` error, never a driver failure (a 500).
 */
export function guardStorageKeys(storage: Storage): Storage {
  // One guard per storage object: callers that restart on the same storage see the same object again.
  let guarded = _guards.get(storage);
  if (!guarded) _guards.set(storage, (guarded = _guard(storage)));
  return guarded;
}

const _guards = new WeakMap<Storage, Storage>();

function _guard(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      // Storage calls are async: a refused key is a rejected promise, like a driver error would be.
      const checked = (keys: unknown[], args: unknown[]) => {
        const problem = keys.map(_refusal).find(Boolean);
        return problem ? Promise.reject(problem) : method.apply(target, args);
      };
      if (KEYED.has(prop) || BASED.has(prop)) return (...args: unknown[]) => checked([args[0]], args);
      if (BATCH.has(prop)) {
        return (...args: unknown[]) =>
          checked(
            (Array.isArray(args[0]) ? args[0] : []).map((i: unknown) =>
              typeof i === "string" ? i : (i as { key?: unknown })?.key,
            ),
            args,
          );
      }
      return method.bind(target);
    },
  });
}

// --- Internal helpers ---

function _refusal(key: unknown): MultiWAError | undefined {
  const why = typeof key === "string" && key ? _problem(key) : undefined;
  return why
    ? new MultiWAError("INVALID_ID", `An id cannot be stored: it ${why}`, { details: { field: "id" } })
    : undefined;
}

function _problem(key: string): string | undefined {
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return "contains a NUL or control character";
  // unstorage turns `/` and `\` into `:`, so a path shows as `..` segments here.
  for (const segment of key.split(/[:/\\]/)) {
    if (segment.endsWith("..") || segment === ".") return "holds a `.` or `..` path segment";
    if (Buffer.byteLength(segment) > MAX_SEGMENT) return `has a part longer than ${MAX_SEGMENT} bytes`;
  }
  return undefined;
}
