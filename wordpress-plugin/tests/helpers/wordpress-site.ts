import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { freePort } from "../../../server/test/helpers/server.js";

/** Debian's WordPress (package `wordpress`), installed by .ci/ensure-wordpress.sh. */
export const DEBIAN_WORDPRESS = "/usr/share/wordpress";

export interface WordPressSite {
  url: string;
  /** A logged-in admin's browser: cookies kept, redirects not followed. */
  request(
    path: string,
    init?: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** One SQL query against the site's database (tab-separated rows). */
  sql(query: string): string;
  stop(): Promise<void>;
}

/** Why the real-WordPress tests cannot run here, or undefined. Under CI=true a missing host fails instead. */
export function wordpressMissing(): string | undefined {
  const why = !existsSync(join(DEBIAN_WORDPRESS, "wp-settings.php"))
    ? "Debian's wordpress package is not installed"
    : !php(["-m"]).split("\n").includes("mysqli")
      ? "php-mysql is not installed"
      : !mysqlReachable()
        ? "MariaDB does not answer on 127.0.0.1:3306 (root without password)"
        : undefined;
  if (!why) return undefined;
  const message = `${why}: run \`bash .ci/ensure-wordpress.sh\` (as root)`;
  if (process.env.CI === "true" || process.env.CI === "1") throw new Error(`[CI] ${message}`);
  console.warn(`[skip] ${message}`);
  return message;
}

/**
 * A fresh WordPress site: Debian's files copied into a temp folder (Debian's own wp-config.php reads
 * /etc/wordpress, so the copy gets its own), a new MariaDB database, `plugin` copied into
 * wp-content/plugins, served by `php -S`, installed through wp-admin/install.php and logged in through
 * wp-login.php like a browser.
 */
export async function startWordPress(plugin: string, env: Record<string, string> = {}): Promise<WordPressSite> {
  const dir = mkdtempSync(join(tmpdir(), "multiwa-wp-"));
  const root = join(dir, "site");
  cpSync(DEBIAN_WORDPRESS, root, { recursive: true, verbatimSymlinks: true });
  cpSync(plugin, join(root, "wp-content/plugins", plugin.split("/").at(-1)!), { recursive: true });
  const db = `mw_integrations_wp_${randomBytes(4).toString("hex")}`;
  mysql(`CREATE DATABASE ${db} CHARACTER SET utf8mb4`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(root, "wp-config.php"), wpConfig(db, url));

  const server: ChildProcess = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", root], {
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  server.stderr!.on("data", (d) => (log = (log + d).slice(-20_000)));
  for (
    const deadline = Date.now() + 20_000;
    !(await fetch(`${url}/wp-login.php`).then(
      () => true,
      () => false,
    ));
  ) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`php -S did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const cookies = new Map<string, string>();
  const request: WordPressSite["request"] = async (path, init = {}) => {
    const headers: Record<string, string> = {
      ...init.headers,
      cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    };
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };

  const password = randomBytes(12).toString("hex");
  const installed = await request("/wp-admin/install.php?step=2", {
    form: {
      weblog_title: "Toko Test",
      user_name: "admin",
      admin_password: password,
      admin_password2: password,
      pw_weak: "on",
      admin_email: "admin@example.test",
      blog_public: "0",
      language: "",
    },
  });
  if (!(await installed.text()).includes("Success!")) throw new Error(`WordPress install failed: ${log}`);
  cookies.set("wordpress_test_cookie", "WP%20Cookie%20check");
  const login = await request("/wp-login.php", {
    form: {
      log: "admin",
      pwd: password,
      rememberme: "forever",
      testcookie: "1",
      "wp-submit": "Log In",
      redirect_to: `${url}/wp-admin/`,
    },
  });
  if (login.status !== 302 || ![...cookies.keys()].some((k) => k.startsWith("wordpress_logged_in_")))
    throw new Error(`WordPress login failed (${login.status})`);

  return {
    url,
    request,
    sql: (query) => mysql(query, db),
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await exited;
      }
      mysql(`DROP DATABASE IF EXISTS ${db}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- Internal helpers ---

function wpConfig(db: string, url: string): string {
  const salt = () => randomBytes(24).toString("hex");
  const keys = [
    "AUTH_KEY",
    "SECURE_AUTH_KEY",
    "LOGGED_IN_KEY",
    "NONCE_KEY",
    "AUTH_SALT",
    "SECURE_AUTH_SALT",
    "LOGGED_IN_SALT",
    "NONCE_SALT",
  ];
  return `<?php
define('DB_NAME', '${db}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${keys.map((k) => `define('${k}', '${salt()}');`).join("\n")}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
// No internet here: never call wordpress.org (updates, news), never spawn cron over loopback.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', __DIR__ . '/debug.log');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

function mysql(query: string, db?: string): string {
  return execFileSync(
    "mysql",
    ["-h", "127.0.0.1", "-P", "3306", "-u", "root", "-N", "-B", ...(db ? [db] : []), "-e", query],
    { encoding: "utf8" },
  );
}

function mysqlReachable(): boolean {
  try {
    mysql("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

function php(args: string[]): string {
  try {
    return execFileSync("php", args, { encoding: "utf8" });
  } catch {
    return "";
  }
}
