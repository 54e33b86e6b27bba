import { describe, expect, it } from "vitest";
import {
  ledgerEditPermission,
  ledgerEntryProblem,
  ledgerPeriod,
  rollupLedger,
  totalsByCurrency,
} from "./ledger.js";

const usd = (low: number, high: number) => ({ low, high, currency: "USD" });
const eur = (low: number, high: number) => ({ low, high, currency: "EUR" });

describe("the invisible-work ledger", () => {
  it("adds value per currency and never across currencies", () => {
    expect(totalsByCurrency([usd(1, 2), eur(10, 20), null, usd(3, 4)])).toEqual([
      { currency: "EUR", low: 10, high: 20, entries: 1 },
      { currency: "USD", low: 4, high: 6, entries: 2 },
    ]);
  });

  it("rolls up per system (busiest first) and per month (oldest first)", () => {
    const entries = [
      {
        kind: "caught" as const,
        value: usd(1, 2),
        occurredOn: "2026-11-03",
        systemKey: "b",
        systemName: "B",
      },
      { kind: "prevented" as const, value: null, occurredOn: "2026-10-30", systemKey: "a", systemName: "A" },
      {
        kind: "caught" as const,
        value: eur(5, 6),
        occurredOn: "2026-11-20",
        systemKey: "b",
        systemName: "B",
      },
    ];
    const bySystem = rollupLedger(entries, "system");
    expect(bySystem.groups.map((g) => [g.key, g.entries, g.unvalued])).toEqual([
      ["b", 2, 0],
      ["a", 1, 1],
    ]);
    expect(bySystem.groups[0]!.byKind).toMatchObject({ caught: 2, prevented: 0 });
    const byMonth = rollupLedger(entries, "month");
    expect(byMonth.groups.map((g) => [g.key, g.label])).toEqual([
      ["2026-10", "Oct 2026"],
      ["2026-11", "Nov 2026"],
    ]);
    expect(byMonth.totals.value.map((v) => v.currency)).toEqual(["EUR", "USD"]);
  });

  it("wants the reasoning behind a value, and no dates in the future", () => {
    const entry = { occurredOn: "2026-11-28", kind: "caught" as const, value: usd(1, 2), estimateBasis: " " };
    const noBasis = ledgerEntryProblem(entry, "2026-11-28");
    expect(noBasis?.code).toBe("estimate_basis_required");
    // The message is shown under the form field, so it reads in plain words; the field is in details.
    expect(noBasis?.message).toMatch(/^Say how the value was estimated, e\.g\. /);
    expect(noBasis?.message).not.toContain("estimateBasis");
    expect(noBasis?.details).toEqual({ field: "estimateBasis" });
    expect(ledgerEntryProblem({ ...entry, estimateBasis: "12 × 100 USD" }, "2026-11-28")).toBeNull();
    expect(ledgerEntryProblem({ ...entry, value: null, occurredOn: "2026-11-29" }, "2026-11-28")).toBeNull();
    expect(ledgerEntryProblem({ ...entry, value: null, occurredOn: "2026-11-30" }, "2026-11-28")?.code).toBe(
      "ledger_date_in_future",
    );
  });

  it("lets only the author or an admin change an entry", () => {
    const actor = { id: "p1", name: "P", side: "engineering" as const, isAdmin: false };
    expect(ledgerEditPermission(actor, "p1")).toBeNull();
    expect(ledgerEditPermission(actor, "p2")?.code).toBe("ledger_entry_not_yours");
    expect(ledgerEditPermission({ ...actor, isAdmin: true }, "p2")).toBeNull();
  });

  it("defaults to the 90 days up to today and refuses a backwards period", () => {
    expect(ledgerPeriod({}, "2026-11-28")).toEqual({ from: "2026-08-31", to: "2026-11-28" });
    expect(() => ledgerPeriod({ from: "2026-12-01", to: "2026-11-01" }, "2026-11-28")).toThrow(/after/);
  });
});
