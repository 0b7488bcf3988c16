// Builds the gateway (server/) into a folder of the dashboard's own, with the current dashboard
// output as its public assets. Nitro copies public assets at build time, and the server's own
// .output/.nitro folders are rebuilt concurrently by the server tests, so the dashboard's tests
// and `dev:mocked --preview` use this separate copy of the same sources.
//   node scripts/build-gateway.mjs <outDir>
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const serverDir = resolve(import.meta.dirname, "../../server");
const outDir = resolve(process.argv[2] ?? resolve(import.meta.dirname, "../.tmp/gateway"));
const { createNitro, prepare, copyPublicAssets, prerender, build } = await import(pathToFileURL(resolve(serverDir, "node_modules/nitropack/dist/core/index.mjs")).href);

const nitro = await createNitro({ rootDir: serverDir, dev: false, buildDir: resolve(outDir, ".nitro"), output: { dir: outDir }, logLevel: 1 });
await prepare(nitro);
await copyPublicAssets(nitro);
await prerender(nitro);
await build(nitro);
await nitro.close();
