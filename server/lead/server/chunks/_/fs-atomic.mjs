import { mkdir, writeFile as writeFile$1, rename } from 'node:fs/promises';
import { resolve, relative, join, dirname } from 'node:path';
import { promises, existsSync } from 'node:fs';
import anymatch from 'anymatch';
import { aG as defineDriver, aH as createRequiredError, aI as ensuredir, aJ as rmRecursive, aK as readdirRecursive, aL as unlink, aM as writeFile, aN as readFile, aO as createError } from '../nitro/nitro.mjs';
import 'node:http';
import 'node:https';
import 'node:crypto';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const PATH_TRAVERSE_RE = /\.\.:|\.\.$/;
const DRIVER_NAME = "fs";
const fsDriver = defineDriver((userOptions = {}) => {
  if (!userOptions.base) {
    throw createRequiredError(DRIVER_NAME, "base");
  }
  const base = resolve(userOptions.base);
  const ignore = anymatch(
    userOptions.ignore || ["**/node_modules/**", "**/.git/**"],
    null,
    { dot: true }
  );
  const r = (key) => {
    if (PATH_TRAVERSE_RE.test(key)) {
      throw createError(
        DRIVER_NAME,
        `Invalid key: ${JSON.stringify(key)}. It should not contain .. segments`
      );
    }
    const resolved = join(base, key.replace(/:/g, "/"));
    return resolved;
  };
  let _watcher;
  const _unwatch = async () => {
    if (_watcher) {
      await _watcher.close();
      _watcher = void 0;
    }
  };
  return {
    name: DRIVER_NAME,
    options: userOptions,
    flags: {
      maxDepth: true
    },
    hasItem(key) {
      return existsSync(r(key));
    },
    getItem(key) {
      return readFile(r(key), "utf8");
    },
    getItemRaw(key) {
      return readFile(r(key));
    },
    async getMeta(key) {
      const { atime, mtime, size, birthtime, ctime } = await promises.stat(r(key)).catch(() => ({}));
      return { atime, mtime, size, birthtime, ctime };
    },
    setItem(key, value) {
      if (userOptions.readOnly) {
        return;
      }
      return writeFile(r(key), value, "utf8");
    },
    setItemRaw(key, value) {
      if (userOptions.readOnly) {
        return;
      }
      return writeFile(r(key), value);
    },
    removeItem(key) {
      if (userOptions.readOnly) {
        return;
      }
      return unlink(r(key));
    },
    getKeys(_base, topts) {
      return readdirRecursive(r("."), ignore, topts?.maxDepth);
    },
    async clear() {
      if (userOptions.readOnly || userOptions.noClear) {
        return;
      }
      await rmRecursive(r("."));
    },
    async dispose() {
      if (_watcher) {
        await _watcher.close();
      }
    },
    async watch(callback) {
      if (_watcher) {
        return _unwatch;
      }
      await ensuredir(base);
      const { watch } = await import('chokidar');
      await new Promise((resolve2, reject) => {
        const watchOptions = {
          ignoreInitial: true,
          ...userOptions.watchOptions
        };
        if (!watchOptions.ignored) {
          watchOptions.ignored = [];
        } else if (Array.isArray(watchOptions.ignored)) {
          watchOptions.ignored = [...watchOptions.ignored];
        } else {
          watchOptions.ignored = [watchOptions.ignored];
        }
        watchOptions.ignored.push(ignore);
        _watcher = watch(base, watchOptions).on("ready", () => {
          resolve2();
        }).on("error", reject).on("all", (eventName, path) => {
          path = relative(base, path);
          if (eventName === "change" || eventName === "add") {
            callback("update", path);
          } else if (eventName === "unlink") {
            callback("remove", path);
          }
        });
      });
      return _unwatch;
    }
  };
});

const TEMP_PREFIX = ".tmp-";
function atomicFsDriver(options) {
  const base = resolve(options.base);
  const database = join(base, "database");
  const ignore = ["**/node_modules/**", "**/.git/**", `**/${TEMP_PREFIX}*`, database, `${database}/**`];
  const inner = fsDriver({ base, ignore });
  const folders = /* @__PURE__ */ new Set();
  let sequence = 0;
  const write = async (key, value) => {
    if (/\.\.:|\.\.$/.test(key)) throw new Error(`[multiwa] [storage] Invalid key ${JSON.stringify(key)}: ".." segments are not allowed`);
    const target = join(base, key.replace(/:/g, "/"));
    const temp = join(dirname(target), `${TEMP_PREFIX}${process.pid}-${++sequence}`);
    const folder = dirname(target);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      await writeFile$1(temp, value);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      await mkdir(folder, { recursive: true });
      await writeFile$1(temp, value);
    }
    await rename(temp, target);
  };
  return {
    ...inner,
    name: "fs-atomic",
    setItem: (key, value) => write(key, value),
    setItemRaw: (key, value) => write(key, value)
  };
}

export { atomicFsDriver };
//# sourceMappingURL=fs-atomic.mjs.map
