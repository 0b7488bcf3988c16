import { g as getRequestIP, d as apiError, e as setCookie, S as SESSION_COOKIE, f as csrfTokenFor, C as CSRF_COOKIE } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { l as login } from '../../../_/tenancy.mjs';
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
import '../../../_/streams.mjs';
import '../../../_/operation.mjs';

var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
const ACCOUNT = { free: 5, baseMs: 1e3, maxMs: 15 * 6e4, windowMs: 15 * 6e4 };
const ADDRESS = { free: 20, baseMs: 1e3, maxMs: 15 * 6e4, windowMs: 15 * 6e4 };
const MAX_TRACKED = 5e4;
class Throttle {
  constructor(o) {
    __publicField(this, "o", o);
    __publicField(this, "entries", /* @__PURE__ */ new Map());
  }
  /** Milliseconds the next try must wait (0: go ahead). */
  wait(id, now = Date.now()) {
    const e = this.live(id, now);
    return e ? Math.max(0, e.blockedUntil - now) : 0;
  }
  fail(id, now = Date.now()) {
    var _a;
    const e = (_a = this.live(id, now)) != null ? _a : { failures: 0, last: now, blockedUntil: 0 };
    e.failures += 1;
    e.last = now;
    const over = e.failures - this.o.free;
    if (over >= 0) e.blockedUntil = now + Math.min(this.o.maxMs, this.o.baseMs * 2 ** Math.min(over, 20));
    this.entries.delete(id);
    this.entries.set(id, e);
    if (this.entries.size > MAX_TRACKED) this.entries.delete(this.entries.keys().next().value);
  }
  succeed(id) {
    this.entries.delete(id);
  }
  live(id, now) {
    const e = this.entries.get(id);
    if (e && now - e.last > this.o.windowMs && now >= e.blockedUntil) {
      this.entries.delete(id);
      return void 0;
    }
    return e;
  }
}
const accounts = new Throttle(ACCOUNT);
const addresses = new Throttle(ADDRESS);
const loginThrottle = {
  /** Milliseconds before this account may be tried again from this address. */
  wait: (email, ip, now = Date.now()) => Math.max(accounts.wait(email.toLowerCase(), now), addresses.wait(ip, now)),
  failed(email, ip, now = Date.now()) {
    accounts.fail(email.toLowerCase(), now);
    addresses.fail(ip, now);
  },
  succeeded: (email) => accounts.succeed(email.toLowerCase())
};

const login_post = defineApiHandler(login, async ({ event, wa, body }) => {
  var _a;
  const ip = (_a = getRequestIP(event, { xForwardedFor: process.env.MULTIWA_TRUST_PROXY === "1" })) != null ? _a : "unknown";
  const wait = loginThrottle.wait(body.email, ip);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1e3)));
    throw apiError(429, { code: "RATE_LIMITED", message: `Too many failed logins; retry in ${Math.ceil(wait / 1e3)} s` });
  }
  let session;
  try {
    session = await wa.tenancy.users.login(body.email, body.password);
  } catch (error) {
    if (error.code === "UNAUTHENTICATED") loginThrottle.failed(body.email, ip);
    throw error;
  }
  loginThrottle.succeeded(body.email);
  await wa.tenancy.principalForUser(session.user, body.organizationId);
  const expires = new Date(session.expiresAt);
  setCookie(event, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", path: "/", expires });
  const csrfToken = csrfTokenFor(session.token);
  setCookie(event, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: "strict", path: "/", expires });
  return { ...session, csrfToken };
});

export { login_post as default };
//# sourceMappingURL=login.post.mjs.map
