import { describe, expect, it } from "vitest";
import { CampaignMachine, TRANSITIONS, type CampaignPhase } from "../../src/broadcast/machine.js";

// #19 item 3: a campaign's phases on a node change in one place, along a fixed table.
class Runner {
  disposed = 0;
  dispose(): void {
    this.disposed++;
  }
}
const timer = () => {
  const t = { cancelled: 0, cancel: () => void t.cancelled++ };
  return t;
};

describe("campaign state machine", () => {
  it("walks armed → launching → running → finishing → finished and refuses moves off the table", () => {
    const m = new CampaignMachine<Runner>();
    const t = timer();
    expect(m.phase("c")).toBe("idle");
    m.move("c", "armed", { timer: t });
    m.move("c", "launching");
    expect(t.cancelled).toBe(1); // leaving armed cancels the timer
    const r = new Runner();
    m.move("c", "running", { runner: r });
    expect(m.runner("c")).toBe(r);
    m.move("c", "finishing");
    m.move("c", "finished");
    expect([m.phase("c"), m.runner("c"), r.disposed]).toEqual(["finished", r, 0]); // kept for late receipts
    expect(() => m.move("c", "running")).toThrow(/cannot go from finished to running/);
    expect(() => new CampaignMachine<Runner>().move("x", "finishing")).toThrow(/idle to finishing/);
    m.move("c", "idle");
    expect([m.phase("c"), m.runner("c"), r.disposed]).toEqual(["idle", undefined, 1]);
  });

  it("moves only from the phases a caller expects, so a halt during a launch wins", () => {
    const m = new CampaignMachine<Runner>();
    m.move("c", "launching");
    m.move("c", "idle"); // paused while the lease was being taken
    const r = new Runner();
    expect(m.move("c", "running", { runner: r }, ["launching"])).toBe(false);
    expect(m.phase("c")).toBe("idle");
    expect(m.move("c", "launching", {}, ["idle", "armed"])).toBe(true);
    expect(m.move("c", "launching", {}, ["idle", "armed"])).toBe(false); // a sweep racing the API call
  });

  it("keeps a recurring campaign's last runner while armed, replaces it on the next run", () => {
    const m = new CampaignMachine<Runner>();
    const first = new Runner();
    m.move("c", "launching");
    m.move("c", "running", { runner: first });
    m.move("c", "finishing");
    m.move("c", "armed", { timer: timer() });
    expect(m.runner("c")).toBe(first);
    m.move("c", "launching");
    const second = new Runner();
    m.move("c", "running", { runner: second });
    expect([first.disposed, second.disposed]).toEqual([1, 0]);
  });

  it("bounds the finished runs it keeps: the oldest are let go", () => {
    const m = new CampaignMachine<Runner>(2);
    const runners = [0, 1, 2].map(() => new Runner());
    runners.forEach((r, i) => {
      for (const [to, parts] of [
        ["launching", {}],
        ["running", { runner: r }],
        ["finishing", {}],
        ["finished", {}],
      ] as const)
        m.move(`c${i}`, to as CampaignPhase, parts);
    });
    expect(m.ids("finished")).toEqual(["c1", "c2"]);
    expect(runners.map((r) => r.disposed)).toEqual([1, 0, 0]);
  });

  it("allows every phase to be reached and left", () => {
    const targets = new Set(Object.values(TRANSITIONS).flat());
    expect([...targets].sort()).toEqual(["armed", "finished", "finishing", "idle", "launching", "running"]);
    for (const [from, to] of Object.entries(TRANSITIONS)) expect(to.length, from).toBeGreaterThan(0);
  });
});
