import type { Operation } from "../operation.js";
import * as groups from "./groups.js";
import * as keys from "./keys.js";
import * as messages from "./messages.js";
import * as mock from "./mock.js";
import * as profiles from "./profiles.js";
import * as webhooks from "./webhooks.js";

export { groups, keys, messages, mock, profiles, webhooks };

/** Every documented operation, in the order the docs list them. */
export const operations: Operation[] = [profiles, messages, groups, webhooks, keys, mock].flatMap((m) => Object.values(m) as Operation[]);
