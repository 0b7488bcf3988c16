import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectProcessMetrics, registry } from "#lib/metrics/registry.js";

// #23: the Grafana dashboard in docs/ reads the gateway's metric names; this keeps it from drifting when a
// metric or label is renamed (every series and label it names must be one the registry exports), and
// keeps a new gateway metric from going unshown.
const dashboard = JSON.parse(readFileSync(new URL("../../docs/grafana-dashboard.json", import.meta.url), "utf8")) as {
  panels: { type: string; title: string; targets?: { expr: string }[] }[];
};
collectProcessMetrics();
const exported = new Map(
  registry.getMetricsAsArray().map((m) => {
    const { name, labelNames = [] } = m as unknown as { name: string; labelNames?: string[] };
    return [name, { type: (m as unknown as { type?: string }).type, labels: new Set(labelNames) }];
  }),
);
/** Labels Prometheus adds to every scraped series; `le` is a histogram bucket's bound. */
const TARGET_LABELS = new Set(["instance", "job"]);
const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "bool",
  "offset",
]);

/** The metric a series name belongs to: a histogram's `_bucket`, `_sum` and `_count` are its own. */
function metricOf(series: string): string | undefined {
  if (exported.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, "");
  return base !== series && exported.get(base)?.type === "histogram" ? base : undefined;
}

/** The series names, matcher labels and grouping labels of one PromQL expression. */
function parse(expr: string) {
  const strings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const matchers = [...strings.matchAll(/([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}/g)].map(([, name, body]) => ({
    name: name!,
    labels: [...body!.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map(([, l]) => l!),
  }));
  const grouping = [...strings.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap(([, list]) =>
    list!
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const bare = strings
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without)\s*\([^)]*\)/g, " ");
  const names = [...bare.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter(([word, , call]) => !call && !KEYWORDS.has(word!))
    .map(([word]) => word!);
  return { names, matchers, grouping };
}

const expressions = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

describe("docs/grafana-dashboard.json", () => {
  it("has panels, each non-row panel with at least one expression", () => {
    expect(expressions.length).toBeGreaterThan(10);
    for (const p of dashboard.panels.filter((p) => p.type !== "row"))
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
  });

  it("names only metrics and labels the gateway's registry exports", () => {
    for (const { panel, expr } of expressions) {
      const { names, matchers, grouping } = parse(expr);
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      const metrics = names.map((n) => {
        const metric = metricOf(n);
        expect(metric, `${panel}: "${n}" is not a metric the gateway exports`).toBeDefined();
        return metric!;
      });
      const labelsOf = (m: string) => exported.get(m)!.labels;
      for (const { name, labels } of matchers)
        for (const label of labels)
          expect(
            TARGET_LABELS.has(label) || labelsOf(metricOf(name)!).has(label),
            `${panel}: ${name} has no label "${label}"`,
          ).toBe(true);
      for (const label of grouping)
        expect(
          TARGET_LABELS.has(label) ||
            (label === "le" && names.some((n) => n.endsWith("_bucket"))) ||
            metrics.some((m) => labelsOf(m).has(label)),
          `${panel}: no metric of "${expr}" has label "${label}"`,
        ).toBe(true);
    }
  });

  it("shows every metric of the gateway's own (multiwa_*)", () => {
    const shown = new Set(expressions.flatMap(({ expr }) => parse(expr).names.map(metricOf)));
    const own = [...exported.keys()].filter((name) => name.startsWith("multiwa_"));
    expect(own.length).toBeGreaterThanOrEqual(9);
    expect(own.filter((name) => !shown.has(name))).toEqual([]);
  });

  it("catches a renamed metric or label (the check itself can fail)", () => {
    expect(metricOf("multiwa_send_queue_length")).toBeUndefined();
    expect(metricOf("multiwa_webhook_deliveries_total_bucket")).toBeUndefined();
    expect(metricOf("multiwa_send_latency_seconds_bucket")).toBe("multiwa_send_latency_seconds");
    expect(parse('sum by (state) (rate(multiwa_x{a="}",b!~"y"}[5m]))')).toEqual({
      names: ["multiwa_x"],
      matchers: [{ name: "multiwa_x", labels: ["a", "b"] }],
      grouping: ["state"],
    });
  });
});
