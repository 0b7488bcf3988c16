import type { Operation } from "../operation.js";
import * as businessTemplates from "./business-templates.js";
import * as calls from "./calls.js";
import * as campaigns from "./campaigns.js";
import * as chats from "./chats.js";
import * as contacts from "./contacts.js";
import * as demo from "./demo.js";
import * as directory from "./directory.js";
import * as groups from "./groups.js";
import * as keys from "./keys.js";
import * as messages from "./messages.js";
import * as mock from "./mock.js";
import * as profiles from "./profiles.js";
import * as proxies from "./proxies.js";
import * as templates from "./templates.js";
import * as webhooks from "./webhooks.js";
import * as transports from "./transports.js";
import * as tenancy from "./tenancy.js";
import * as insights from "./insights.js";
import * as account from "./account.js";
import * as automation from "./automation.js";
import * as flows from "./flows.js";
import * as rules from "./rules.js";
import * as status from "./status.js";
import * as channels from "./channels.js";
import * as labels from "./labels.js";
import * as mcp from "./mcp.js";
import * as ingress from "./ingress.js";

export {
  account,
  automation,
  businessTemplates,
  calls,
  campaigns,
  channels,
  chats,
  contacts,
  demo,
  directory,
  flows,
  rules,
  groups,
  status,
  ingress,
  insights,
  keys,
  labels,
  mcp,
  messages,
  mock,
  profiles,
  proxies,
  templates,
  tenancy,
  transports,
  webhooks,
};

/** Every documented operation, in the order the docs list them. */
export const operations: Operation[] = [
  tenancy,
  profiles,
  proxies,
  messages,
  chats,
  groups,
  directory,
  account,
  calls,
  status,
  channels,
  labels,
  contacts,
  templates,
  businessTemplates,
  campaigns,
  rules,
  flows,
  automation,
  webhooks,
  transports,
  keys,
  insights,
  mcp,
  ingress,
  mock,
  demo,
].flatMap((m) => Object.values(m) as Operation[]);
