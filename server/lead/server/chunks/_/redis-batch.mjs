function batchRedisDriver(driver, base) {
  const batched = createBatched(driver, base);
  atomicDrivers.add(batched);
  return batched;
}
const atomicDrivers = /* @__PURE__ */ new WeakSet();
function createBatched(driver, base) {
  var _a;
  const prefixed = (key) => [base, key].map(normalizeKey).filter(Boolean).join(":");
  let queue = [];
  let scheduled = false;
  const flush = async () => {
    var _a2;
    const ops = queue;
    queue = [];
    scheduled = false;
    const runs = [];
    for (const op of ops) {
      const last = runs.at(-1);
      if (last && last[0].kind === op.kind) last.push(op);
      else runs.push([op]);
    }
    const pipeline = driver.getInstance().pipeline();
    for (const run of runs) {
      if (run[0].kind === "set") pipeline.mset(...run.flatMap((op) => op.kind === "set" ? [prefixed(op.key), op.value] : []));
      else if (run[0].kind === "get") pipeline.mget(...run.map((op) => prefixed(op.key)));
      else pipeline.unlink(...run.map((op) => prefixed(op.key)));
    }
    try {
      const results = (_a2 = await pipeline.exec()) != null ? _a2 : [];
      runs.forEach((run, i) => {
        var _a3;
        const [error, value] = (_a3 = results[i]) != null ? _a3 : [new Error("no reply from Redis"), null];
        run.forEach((op, j) => {
          var _a4;
          return error ? op.done.reject(error) : op.done.resolve(op.kind === "get" ? (_a4 = value[j]) != null ? _a4 : null : void 0);
        });
      });
    } catch (error) {
      for (const op of ops) op.done.reject(error);
    }
  };
  const enqueue = (op) => new Promise((resolve, reject) => {
    queue.push({ ...op, done: { resolve, reject } });
    if (!scheduled) scheduled = true, setImmediate(() => void flush());
  });
  return {
    ...driver,
    name: (_a = driver.name) != null ? _a : "redis",
    getItem: (key) => enqueue({ kind: "get", key }),
    async getItems(items) {
      const values = await Promise.all(items.map((item) => enqueue({ kind: "get", key: item.key })));
      return items.map((item, i) => {
        var _a2;
        return { key: item.key, value: (_a2 = values[i]) != null ? _a2 : null };
      });
    },
    // Values with a TTL keep their own SET … EX.
    setItem: (key, value, options) => {
      var _a2;
      return (options == null ? void 0 : options.ttl) || ((_a2 = driver.options) == null ? void 0 : _a2.ttl) ? driver.setItem(key, value, options) : enqueue({ kind: "set", key, value });
    },
    async setItems(items, options) {
      await Promise.all(items.map((item) => {
        var _a2;
        return ((_a2 = item.options) == null ? void 0 : _a2.ttl) || (options == null ? void 0 : options.ttl) ? driver.setItem(item.key, item.value, { ...options, ...item.options }) : enqueue({ kind: "set", key: item.key, value: item.value });
      }));
    },
    removeItem: (key) => enqueue({ kind: "del", key })
  };
}
function normalizeKey(key) {
  return key.replace(/[:/\\]/g, ":").replace(/^:|:$/g, "");
}

export { batchRedisDriver };
//# sourceMappingURL=redis-batch.mjs.map
