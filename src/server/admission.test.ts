import { describe, expect, it } from "vitest";
import { TurnAdmission } from "./admission.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("TurnAdmission", () => {
  it("admits at once while the server is idle", () => {
    const admission = new TurnAdmission(3);
    expect(admission.enter()).toBeUndefined();
    expect(admission.enter()).toBeUndefined();
    expect(admission.queued).toBe(0);
  });

  it("starts at most perTurn requests per turn of the event loop, in arrival order", async () => {
    const admission = new TurnAdmission(3);
    const started: number[] = [];
    for (let i = 0; i < 10; i++) {
      const wait = admission.enter();
      if (wait) void wait.then(() => started.push(i));
      else started.push(i);
    }
    expect(admission.queued).toBe(7);
    // Each of these turns ends after the admission's own turn (scheduled first), so it sees the
    // requests that turn started, and no more.
    const afterEachTurn = [started.length];
    while (started.length < 10) {
      await nextTurn();
      afterEachTurn.push(started.length);
    }
    expect(afterEachTurn).toEqual([3, 6, 9, 10]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(admission.queued).toBe(0);
  });

  it("puts a newcomer behind those already waiting, and is idle again once the queue is empty", async () => {
    const admission = new TurnAdmission(1);
    const order: string[] = [];
    const enter = (name: string) => {
      const wait = admission.enter();
      if (wait) void wait.then(() => order.push(name));
      else order.push(name);
    };
    enter("a");
    enter("b");
    enter("c");
    await nextTurn();
    enter("d");
    while (order.length < 4) await nextTurn();
    expect(order).toEqual(["a", "b", "c", "d"]);
    await nextTurn();
    await nextTurn();
    expect(admission.enter()).toBeUndefined();
  });
});
