import { q as defineEventHandler, s as setResponseHeader } from '../nitro/nitro.mjs';
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
import 'node:fs';
import 'node:path';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MultiWA API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f23;background:#f6f8fa}
header{background:#075e54;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{max-width:980px;margin:0 auto;padding:16px}
h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px}
details{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center}
.m{font:bold 12px monospace;text-transform:uppercase;border-radius:4px;padding:2px 6px;color:#fff;min-width:52px;text-align:center}
.get{background:#0969da}.post{background:#1a7f37}.patch{background:#9a6700}.delete{background:#cf222e}.put{background:#8250df}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:8px;overflow:auto;border-radius:4px}
.body{padding:0 12px 12px}label{display:block;margin:4px 0}input,textarea{width:100%;box-sizing:border-box;font:13px monospace}
button{background:#1a7f37;color:#fff;border:0;border-radius:4px;padding:6px 12px;cursor:pointer}
#key{max-width:420px}
</style></head><body>
<header><h1>MultiWA gateway API</h1><div>OpenAPI 3.1: <a style="color:#fff" href="/openapi.json">/openapi.json</a></div></header>
<main><label>API key (X-API-Key) <input id="key" placeholder="mwa_\u2026"></label><div id="ops">Loading\u2026</div></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"}[c]));
const keyInput = document.getElementById("key");
keyInput.value = localStorage.getItem("multiwa-key") || "";
keyInput.onchange = () => localStorage.setItem("multiwa-key", keyInput.value);
fetch("/openapi.json").then((r) => r.json()).then((doc) => {
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) (byTag[op.tags[0]] ||= []).push({ path, method, op });
  document.getElementById("ops").innerHTML = Object.entries(byTag).map(([tag, ops]) => "<h2>" + esc(tag) + "</h2>" + ops.map(render).join("")).join("");
  document.querySelectorAll("form").forEach((f) => (f.onsubmit = (e) => { e.preventDefault(); tryIt(f); }));
});
function render({ path, method, op }) {
  const params = (op.parameters || []).map((p) => '<label>' + esc(p.name) + ' (' + p.in + (p.required ? ', required' : '') + ')<input name="' + esc(p.in + ':' + p.name) + '"></label>').join("");
  const body = op.requestBody ? '<label>JSON body<textarea name="body" rows="6"></textarea></label><details><summary>Body schema</summary><pre>' + esc(JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)) + '</pre></details>' : "";
  const ok = Object.entries(op.responses).map(([code, r]) => '<li><b>' + code + '</b> ' + esc(r.description) + '</li>').join("");
  return '<details><summary><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code><span>' + esc(op.summary) + '</span></summary><div class="body">' +
    (op.description ? '<p>' + esc(op.description) + '</p>' : '') + (op["x-permission"] ? '<p>Permission: <code>' + esc(op["x-permission"]) + '</code></p>' : '') +
    '<ul>' + ok + '</ul><form data-path="' + esc(path) + '" data-method="' + method + '">' + params + body + '<button>Try it</button><pre class="out"></pre></form></div></details>';
}
async function tryIt(form) {
  let path = form.dataset.path; const query = new URLSearchParams();
  for (const input of form.querySelectorAll("input")) {
    const [where, name] = input.name.split(":");
    if (where === "path") path = path.replace("{" + name + "}", encodeURIComponent(input.value));
    else if (input.value) query.set(name, input.value);
  }
  const body = form.querySelector("textarea")?.value;
  const res = await fetch(path + (query.size ? "?" + query : ""), { method: form.dataset.method.toUpperCase(), headers: { "x-api-key": keyInput.value, ...(body ? { "content-type": "application/json" } : {}) }, body: body || undefined });
  const text = await res.text();
  form.querySelector(".out").textContent = res.status + " " + res.statusText + "\\n" + text;
}
<\/script></body></html>`;

const docs_get = defineEventHandler((event) => {
  setResponseHeader(event, "content-type", "text/html; charset=utf-8");
  return docsPage;
});

export { docs_get as default };
//# sourceMappingURL=docs.get.mjs.map
