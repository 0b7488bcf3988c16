// `pnpm demo`: the built gateway in demo mode (MULTIWA_DEMO=1): the WhatsApp Web simulator runs in
// process, so the dashboard can be tried end to end with no phone. Refused with NODE_ENV=production.
process.env.MULTIWA_DEMO ??= "1";
await import("../.output/server/index.mjs");
