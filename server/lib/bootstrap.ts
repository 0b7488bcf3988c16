import { randomBytes } from "node:crypto";
import type { MultiWA } from "@multiwa/core";
import { useConfig } from "./config/config.js";

/** Makes sure an admin can get in: the admin API key and, optionally, an owner account from the environment. */
export async function bootstrapAccess(wa: MultiWA): Promise<void> {
  const { MULTIWA_API_KEY: fromEnv, MULTIWA_ADMIN_EMAIL: email, MULTIWA_ADMIN_PASSWORD: password } = useConfig();
  if (fromEnv && !(await wa.apiKeys.verify(fromEnv))) {
    await wa.apiKeys.create({ name: "admin (MULTIWA_API_KEY)" }, fromEnv);
  } else if (!fromEnv && (await wa.apiKeys.count()) === 0) {
    const token = `mwa_admin_${randomBytes(24).toString("base64url")}`;
    await wa.apiKeys.create({ name: "bootstrap admin" }, token);
    console.info(
      `\n[multiwa] First start: your admin API key (shown once, stored hashed):\n\n    ${token}\n\n[multiwa] Send it as the X-API-Key header. Set MULTIWA_API_KEY to choose your own.\n`,
    );
  }
  if (email && password && !(await wa.tenancy.users.findByEmail(email))) {
    const user = await wa.tenancy.users.create({ email, password, name: "Administrator" });
    await wa.tenancy.members.add("default", user.id, { "*": "owner" });
    console.info(`[multiwa] created owner ${email} in the default organization`);
  }
}
