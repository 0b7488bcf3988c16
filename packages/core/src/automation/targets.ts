import type { FlowNode, RuleAction } from "./schema.js";

/** Checks a URL as it is saved; throws a `VALIDATION_FAILED` naming `field` and the private-targets setting. */
export type TargetCheck = (url: string, field: string) => Promise<void>;

/** Rule webhook actions: their URLs are fixed, so each is checked when the rule is saved. */
export async function checkRuleTargets(actions: readonly RuleAction[] | undefined, check: TargetCheck): Promise<void> {
  for (const [i, action] of (actions ?? []).entries())
    if (action.type === "webhook") await check(action.url, `actions.${i}.url`);
}

/**
 * Flow HTTP nodes: a URL whose origin holds a `{{variable}}` is only known when the node runs (and is
 * checked then); a fixed origin is checked when the flow is saved.
 */
export async function checkFlowTargets(nodes: readonly FlowNode[] | undefined, check: TargetCheck): Promise<void> {
  for (const [i, node] of (nodes ?? []).entries()) {
    const url = node.type === "http_request" ? node.data.url : undefined;
    // Half-built drafts may hold anything; only a complete http(s) URL with a fixed origin is judged now.
    if (typeof url !== "string" || !/^https?:\/\//i.test(url) || _variableOrigin(url)) continue;
    await check(url, `nodes.${i}.data.url`);
  }
}

function _variableOrigin(url: string): boolean {
  const origin = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? url;
  return origin.includes("{{");
}
