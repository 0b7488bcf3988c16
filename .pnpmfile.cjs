// The "dev-source" export condition points workspace tools (tsc, vitest, nitro, nuxt, tsx) at a package's
// src/, which is not published: a consumer that happened to use the same condition name would resolve
// to files the tarball does not have. It is removed from every packed package.json.
function withoutDevSource(exports) {
  if (!exports || typeof exports !== "object") return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== "dev-source")
      .map(([key, value]) => [key, withoutDevSource(value)]),
  );
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      return { ...pkg, exports: withoutDevSource(pkg.exports) };
    },
  },
};
