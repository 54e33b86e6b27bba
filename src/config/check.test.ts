import { describe, expect, it } from "vitest";
import { DEFAULT_GATES } from "../core/readiness.js";
import { parseConfig, workspaceProblems } from "./check.js";
import { closest } from "./problems.js";
import { formatProblem, parseYaml } from "./yaml-source.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

function problemsOf(text: string): string[] {
  const parsed = parseConfig("parley.yaml", text);
  if (parsed.ok) return [];
  return parsed.problems.map(formatProblem);
}

describe("parseConfig problems", () => {
  it("names file:line:column, the field's path, and a fix, for every problem at once", () => {
    const text = lines(
      "systems:",
      "  - key: support-bot",
      "    name: Support bot",
      "  - key: invoices",
      "    name: Invoices",
      "    signals:",
      "      - key: cost",
      "        name: Cost",
      "        kind: costs",
      "        unt: USD",
    );
    expect(problemsOf(text)).toEqual([
      'parley.yaml:9:15: systems[1].signals[0].kind: "costs" is not a signal kind. Fix: did you mean cost? (one of cost, quality, error_rate, manual_work, adoption, latency, freshness, custom).',
      'parley.yaml:10:9: systems[1].signals[0].unt: unknown field "unt". Fix: did you mean unit?',
    ]);
  });

  it("points at the parent when a required field is missing, and explains wrong types", () => {
    const text = lines("systems:", "  - name: No key", "    valueEstimate: { amount: 10k, currency: USD }");
    expect(problemsOf(text)).toEqual([
      "parley.yaml:2:5: systems[0].key: is required. Fix: add key: with text.",
      'parley.yaml:3:30: systems[0].valueEstimate.amount: expected a number, found a string ("10k"). Fix: write the number without quotes or units.',
    ]);
  });

  it("reports a YAML syntax slip once, with a fix in words", () => {
    expect(problemsOf(lines("systems", "  - key: a1"))).toEqual([
      "parley.yaml:1:1: Implicit keys need to be on a single line. Fix: a key needs a colon after it, e.g. systems: or name: Support assistant.",
    ]);
    expect(problemsOf(lines("systems:", "  - key: a1", '    name: "Open'))[0]).toMatch(
      /Fix: close the quoted text/,
    );
    expect(problemsOf("just text\n")).toEqual([
      "parley.yaml:1:1: (top level): the file must be a mapping of sections, found a string. Fix: start with systems: (see docs/config-as-code.md for a full example).",
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    const problems = problemsOf(lines("systems:", "  - key: a", "\tname: b"));
    expect(problems[0]).toMatch(/^parley\.yaml:3:1: .*Fix: indent with spaces, not tabs\.$/);
  });

  it("reports duplicate identities with the line of the first", () => {
    const text = lines("systems:", "  - key: a1", "    name: A", "  - key: a1", "    name: Again");
    expect(problemsOf(text)).toEqual([
      'parley.yaml:4:10: systems[1].key: system "a1" is listed twice (first on line 2). Fix: merge the two entries.',
    ]);
  });

  it("validates gate rules and their parameters", () => {
    const text = lines(
      "readiness:",
      "  gates:",
      "    production:",
      "      - signal_flowing",
      "      - { rule: purpose_stated, hours: 3 }",
    );
    const problems = problemsOf(text);
    expect(problems[0]).toContain(
      'parley.yaml:4:9: readiness.gates.production[0]: "signal_flowing" is not a readiness rule. Fix: did you mean signals_flowing?',
    );
    expect(problems[1]).toContain("readiness.gates.production[1].hours: purpose_stated takes no parameter");
  });

  it("accepts an empty list of systems and the documented example shape", () => {
    expect(parseConfig("p.yaml", "systems: []\n").ok).toBe(true);
    expect(problemsOf("")).toEqual([
      "parley.yaml:1:1: the file is empty. Fix: start with systems: (see docs/config-as-code.md for a full example).",
    ]);
  });
});

describe("workspaceProblems", () => {
  it("names unknown owners and new signals without a kind, at their nodes", () => {
    const text = lines(
      "systems:",
      "  - key: bot",
      "    name: Bot",
      "    owners:",
      "      leadership: who@x.dev",
      "    signals:",
      "      - key: cost",
    );
    const parsed = parseConfig("parley.yaml", text);
    if (!parsed.ok) throw new Error("should parse");
    const problems = workspaceProblems(parsed.source, parsed.config, {
      people: [],
      gates: DEFAULT_GATES,
      questions: [],
      systems: [],
    }).map(formatProblem);
    expect(problems).toEqual([
      "parley.yaml:5:19: systems[0].owners.leadership: who@x.dev is not a person in this workspace. Fix: add them under people: (email, name, side), or correct the address.",
      'parley.yaml:7:14: systems[0].signals[0].key: the new signal "cost" needs name and kind. Fix: add name: and kind: under it.',
    ]);
  });
});

describe("positions and suggestions", () => {
  it("maps paths to the key or the value node", () => {
    const source = parseYaml("f.yaml", lines("a:", "  b:", "    - x: 1", "      y: two"));
    expect(source.positionOf(["a", "b", 0, "y"])).toEqual({ line: 4, column: 10 });
    expect(source.positionOf(["a", "b", 0, "y"], "key")).toEqual({ line: 4, column: 7 });
    expect(source.positionOf(["a", "missing", 3])).toEqual({ line: 2, column: 3 });
  });

  it("suggests only close matches", () => {
    expect(closest("prodution", ["pilot", "production"])).toBe("production");
    expect(closest("zzz", ["pilot", "production"])).toBeNull();
  });
});
