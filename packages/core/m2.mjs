import { PGlite } from "@electric-sql/pglite";
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const mode = process.argv[2];
let t = performance.now();
if (mode === "reopen") {
  const d = await PGlite.create(process.argv[3]);
  console.log("reopen ms", Math.round(performance.now() - t), "rss", mb());
  await d.query("select 1"); global.gc(); await new Promise(r=>setTimeout(r,300)); console.log("idle rss", mb(), process.memoryUsage());
  await d.close();
} else if (mode === "dump") {
  const a = await PGlite.create();
  console.log("open ms", Math.round(performance.now() - t), "rss", mb());
  const blob = await a.dumpDataDir("none");
  const buf = Buffer.from(await blob.arrayBuffer());
  (await import("node:fs")).writeFileSync("/tmp/dbcore/tpl.tar", buf);
  console.log("dump bytes", buf.length);
  await a.close();
} else if (mode === "load") {
  const buf = (await import("node:fs")).readFileSync("/tmp/dbcore/tpl.tar");
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const a = await PGlite.create({ loadDataDir: new Blob([buf]) });
    await a.query("select 1");
    console.log("load ms", Math.round(performance.now() - t), "rss", mb());
    await a.close();
  }
  global.gc(); console.log("rss after close", mb());
}
