import { describe, expect, it } from "vitest";
import { ConnectSlots } from "../src/connect-slots.js";

describe("ConnectSlots", () => {
  it("lets `limit` in at once and hands each released slot to the next waiter in order", async () => {
    const slots = new ConnectSlots(2);
    const order: number[] = [];
    const releases = await Promise.all([slots.acquire(), slots.acquire()]);
    const waiting = [3, 4].map((n) => slots.acquire().then((release) => (order.push(n), release)));
    await Promise.resolve();
    expect(order).toEqual([]);
    releases[0]!();
    releases[0]!(); // idempotent: does not free a second slot
    const third = await waiting[0]!;
    expect(order).toEqual([3]);
    releases[1]!();
    (await waiting[1]!)();
    third();
    expect(order).toEqual([3, 4]);
    // All free again: two immediate acquisitions.
    await Promise.all([slots.acquire(), slots.acquire()]);
  });
});
