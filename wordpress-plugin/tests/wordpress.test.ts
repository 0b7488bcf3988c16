import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWordPress, wordpressMissing, type WordPressSite } from "./helpers/wordpress-site.js";

// The plugin on a real WordPress (Debian's 6.1 package, MariaDB, php -S), driven like an admin's browser.
// WooCommerce is not packaged by Debian: its hooks stay tested on the shim (tests/cases/04-woocommerce.php).
const PLUGIN = fileURLToPath(new URL("../multiwa", import.meta.url));
const missing = wordpressMissing();
let wp: WordPressSite;

const html = async (path: string) => {
  const res = await wp.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const decode = (s: string) => s.replaceAll("&amp;", "&");

beforeAll(async () => {
  if (missing) return;
  wp = await startWordPress(PLUGIN);
  const plugins = await html("/wp-admin/plugins.php");
  const activate = /href="(plugins\.php\?action=activate&amp;plugin=multiwa%2Fmultiwa\.php[^"]*)"/.exec(plugins)?.[1];
  expect(activate, "activate link").toBeDefined();
  expect((await wp.request(`/wp-admin/${decode(activate!)}`)).status).toBe(302);
}, 120_000);

afterAll(async () => {
  await wp?.stop();
});

describe.skipIf(missing)("MultiWA plugin on a real WordPress", () => {
  it("shows a Settings link on its row in Plugins, to its settings page", async () => {
    const plugins = await html("/wp-admin/plugins.php");
    const row = /<tr[^>]+data-plugin="multiwa\/multiwa\.php"[\s\S]*?<\/tr>/.exec(plugins)?.[0] ?? "";
    expect(row).toContain("Deactivate");
    expect(row).toMatch(new RegExp(`<a href="${wp.url}/wp-admin/options-general\\.php\\?page=multiwa">Settings</a>`));
  });

  // Regression: options.php unslashes the POST and multiwa_sanitize_settings() unslashed it again.
  it("keeps backslashes typed into the settings through a save from the settings page", async () => {
    const page = await html("/wp-admin/options-general.php?page=multiwa");
    const nonce = /<form method="post" action="options.php">[\s\S]*?name="_wpnonce" value="([^"]+)"/.exec(page)?.[1];
    expect(nonce).toBeDefined();
    const typed = {
      chat_text: String.raw`Hi \o/ see C:\shop\new`,
      chat_label: String.raw`Chat \ us`,
      template_new: String.raw`Order {order_number}\n stays \\ two`,
      profile_id: String.raw`shop\1`,
    };
    const form: Record<string, string> = {
      option_page: "multiwa",
      action: "update",
      _wpnonce: nonce!,
      _wp_http_referer: "/wp-admin/options-general.php?page=multiwa",
    };
    for (const [k, v] of Object.entries(typed)) form[`multiwa_settings[${k}]`] = v;
    const saved = await wp.request("/wp-admin/options.php", { form });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain("settings-updated=true");

    const after = await html("/wp-admin/options-general.php?page=multiwa");
    expect(after).toContain(`value="Hi \\o/ see C:\\shop\\new"`);
    expect(after).toContain(`value="Chat \\ us"`);
    expect(after).toContain(`value="shop\\1"`);
    expect(after).toContain(`Order {order_number}\\n stays \\\\ two</textarea>`);
  });

  // Regression: the block editor stores `text="Fish & Chips"` as `Fish &amp; Chips`, and the chat opened
  // pre-filled with "Fish &amp; Chips".
  it("renders [multiwa_chat] saved by the block editor with the text decoded before it is URL-encoded", async () => {
    const nonce = await (await wp.request("/wp-admin/admin-ajax.php?action=rest-nonce")).text();
    const content =
      '<!-- wp:shortcode -->\n[multiwa_chat phone="+62 812-3456-7890" text="Fish &amp; Chips &lt;3" label="Order &amp; chat"]\n<!-- /wp:shortcode -->';
    const created = await wp.request("/?rest_route=/wp/v2/posts", {
      json: { title: "Menu", status: "publish", content },
      headers: { "x-wp-nonce": nonce },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const post = (await (await wp.request(`/?rest_route=/wp/v2/posts/${id}`)).json()) as {
      content: { raw?: string; rendered: string };
    };
    expect(post.content.rendered).toContain('href="https://wa.me/6281234567890?text=Fish%20%26%20Chips%20%3C3"');
    expect(post.content.rendered).toContain(">Order &amp; chat</a>");
  });
});
