// Builds the gateway into a given folder (its own .nitro cache inside it), so parallel work on one
// checkout (or the dashboard's tests) does not rebuild a gateway another test is running from.
//   node scripts/build-to.mjs <outDir>
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const serverDir = resolve(import.meta.dirname, "..");
const outDir = resolve(process.argv[2] ?? resolve(serverDir, ".output"));
const { createNitro, prepare, copyPublicAssets, prerender, build } = await import(
  pathToFileURL(resolve(serverDir, "node_modules/nitropack/dist/core/index.mjs")).href
);

const nitro = await createNitro({
  rootDir: serverDir,
  dev: false,
  buildDir: resolve(outDir, ".nitro"),
  output: { dir: outDir },
  logLevel: 1,
});
await prepare(nitro);
await copyPublicAssets(nitro);
await prerender(nitro);
await build(nitro);
await nitro.close();
