import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/store/audit-verify.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import type { Database } from "../../src/store/database.js";
import { createWorld, DIALECTS, PASSWORD, type DialectName, type TestWorld } from "../integration/harness.js";
import { requestsFor, type FuzzHints, type FuzzRequest } from "./support/fuzz-requests.js";
import { isErrorBody } from "./support/http.js";
import { documentedOperations, type Operation } from "./support/openapi.js";
import { buildWorkspace, type Fixtures } from "./support/workspace.js";

// Deterministic by default so a failure reproduces; PARLEY_FUZZ_SEED explores other corners.
/** Content types a 2xx may legitimately carry instead of JSON (brief and change documents, CSV exports, parley.yaml). */
const DOCUMENT_TYPES = /^(text\/markdown|application\/pdf|text\/csv|application\/yaml)/;
const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? 20_260_601);
const TOTAL: Record<DialectName, number> = {
  sqlite: Number(process.env.PARLEY_FUZZ_REQUESTS ?? 10_000),
  postgres: Number(process.env.PARLEY_FUZZ_PG_REQUESTS ?? 2_000),
};
/** Requests that end the caller's session are sent with a spare session instead. */
const SESSION_ENDING = new Set(["POST /api/v1/auth/sign-out"]);
/** What an error message must never show: SQL, driver names, stack frames. */
const INTERNALS = /sqlite|postgres|syntax error|relation "|constraint|\bat \S+ \(|node_modules|kysely/i;

interface Failure {
  route: string;
  kind: string;
  status: number;
  problem: string;
  request: string;
}

/** A row count per table, all tables, in one query: a refused request must leave every one alone. */
async function stateOf(database: Database, tables: readonly string[]): Promise<string> {
  const counts = sql.join(
    tables.map((t) => sql`select ${sql.lit(t)} as t, count(*) as n from ${sql.table(t)}`),
    sql` union all `,
  );
  const res = await sql<{ t: string; n: number }>`${counts}`.execute(database.db);
  return res.rows.map((r) => `${r.t}=${Number(r.n)}`).join(" ");
}

/** Which tables a request changed, e.g. "trust_limits 1 -> 2". */
function changes(before: string, after: string): string {
  const was = new Map(before.split(" ").map((pair) => pair.split("=") as [string, string]));
  return after
    .split(" ")
    .map((pair) => pair.split("=") as [string, string])
    .filter(([table, n]) => was.get(table) !== n)
    .map(([table, n]) => `${table} ${was.get(table)} -> ${n}`)
    .join(", ");
}

function describeRequest(op: Operation, r: FuzzRequest): string {
  let body = "";
  if (r.body && "json" in r.body) body = JSON.stringify(r.body.json) ?? "";
  else if (r.body) body = Buffer.isBuffer(r.body.raw) ? `<bytes ${r.body.raw.toString("hex")}>` : r.body.raw;
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body;
  return `${r.kind} as ${r.caller}: ${op.method} ${r.url.slice(0, 300)}${r.contentType !== undefined ? ` [content-type: ${r.contentType}]` : ""}${shown ? ` ${shown}` : ""}`;
}

/** Header values must be sendable at all: HTTP cannot carry CR, LF or NUL in them. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, "");

describe.each(DIALECTS)("fuzzing every route from its schema [%s]", (dialect) => {
  let w: TestWorld;
  let f: Fixtures;
  let operations: Operation[];
  let tables: string[];
  let spareSession = "";
  // The same app on the same database, with a logger: a 5xx is reported with the error behind it.
  let app: App;
  const logged: string[] = [];

  beforeAll(async () => {
    w = await createWorld(dialect);
    f = await buildWorkspace(w);
    app = await buildApp({
      database: w.database,
      clock: () => (w.clock.now = new Date(w.clock.now.getTime() + 1)),
      logger: { level: "error", stream: { write: (line: string) => void logged.push(line) } },
    });
    operations = await documentedOperations(app);
    tables = (await w.database.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith("kysely_"))
      .sort();
    const res = await w.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "pat@test.dev", password: PASSWORD },
    });
    spareSession = res.cookies.find((c) => c.name === "parley_session")?.value ?? "";
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });

  /** The error the server logged for the last 5xx: its message and where it was thrown. */
  function lastLoggedError(): string {
    const line = logged.splice(0).at(-1);
    if (!line) return "nothing logged";
    try {
      const entry = JSON.parse(line) as { err?: { message?: string; stack?: string } };
      const frame =
        entry.err?.stack
          ?.split("\n")
          .find((l) => l.includes("/src/"))
          ?.trim() ?? "";
      const message = (entry.err?.message ?? "no error").replace(/\s+/g, " ").slice(0, 300);
      return `${message} ${frame}`;
    } catch {
      return line.slice(0, 200);
    }
  }

  /** Real ids per resource, so fuzzed requests often reach past the lookups into the handlers. */
  function hints(): FuzzHints {
    const byResource: Record<string, string[]> = {
      systems: [f.systemKey, f.systemId],
      people: [w.leader.person.id, w.engineer.person.id, w.admin.person.id, f.sparePersonId],
      tokens: [f.adminTokenId],
      questions: [f.questionId],
      rounds: [f.roundId],
      asks: [f.leadershipAskId, f.engineeringAskId],
      answers: f.answerIds,
      risks: [f.riskId],
      safeguards: [f.safeguardId],
      signals: [f.signalId, "sec-bot/cost_usd"],
      limits: [f.limitId],
      budgets: [f.budgetId],
      findings: f.findingId ? [f.findingId] : [],
    };
    // Requests to /people/{id} may disable or demote whoever they name: only the spare person.
    const pathTargets: Record<string, string[]> = { ...byResource, people: [f.sparePersonId] };
    const everything = [...new Set(Object.values(byResource).flat())];
    return {
      idsFor: (name) => {
        // "leadershipOwnerId" -> owner -> people; "acceptedRiskIds" -> risk -> risks.
        const word = name
          ?.replace(/Ids?$/, "")
          .split(/(?=[A-Z])/)
          .at(-1)
          ?.toLowerCase();
        const resource = word === "owner" || word === "person" ? "people" : `${word}s`;
        return byResource[resource] ?? everything;
      },
      pathValues: (path, name) => {
        const resource = new RegExp(`/([\\w-]+)/\\{${name}\\}`).exec(path)?.[1];
        return resource ? (pathTargets[resource] ?? []) : [];
      },
    };
  }

  async function fire(op: Operation, r: FuzzRequest) {
    const headers: Record<string, string> = {};
    const sessionEnding = SESSION_ENDING.has(op.key);
    switch (r.caller) {
      case "admin":
      case "leader":
      case "engineer":
        headers.cookie = `parley_session=${sessionEnding ? spareSession : w[r.caller].cookie}`;
        break;
      case "writeToken":
        headers.authorization = `Bearer ${f.tokens.write}`;
        break;
      case "ingestToken":
        headers.authorization = `Bearer ${f.tokens.ingest}`;
        break;
      case "garbageToken":
        headers.authorization = `Bearer ${headerSafe(r.garbage ?? "")}`;
        break;
      case "garbageCookie":
        headers.cookie = `parley_session=${headerSafe(r.garbage ?? "")}`;
        break;
      case "anonymous":
        break;
    }
    let payload: string | Buffer | undefined;
    if (r.body && "json" in r.body) payload = JSON.stringify(r.body.json);
    else if (r.body) payload = r.body.raw;
    if (payload !== undefined && r.contentType !== null)
      headers["content-type"] = r.contentType ?? "application/json";
    return app.inject({
      method: op.method,
      url: r.url,
      headers,
      ...(payload !== undefined && { payload }),
    });
  }

  it("answers every request with a 2xx or a 4xx in the error shape, and a refusal changes nothing", async () => {
    const perRoute = Math.ceil(TOTAL[dialect] / operations.length);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    let sent = 0;
    const started = performance.now();
    let state = await stateOf(w.database, tables);
    for (const [index, op] of operations.entries()) {
      const requests = fc.sample(requestsFor(op, hints()), { seed: SEED + index, numRuns: perRoute });
      for (const r of requests) {
        const fail = (status: number, problem: string) =>
          failures.push({ route: op.key, kind: r.kind, status, problem, request: describeRequest(op, r) });
        sent += 1;
        kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
        let res;
        try {
          res = await fire(op, r);
        } catch (err) {
          fail(0, `the request crashed the server: ${(err as Error).message}`);
          continue;
        }
        const status = res.statusCode;
        // Briefs and change reports may be asked for as Markdown or PDF documents.
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        let json: unknown;
        try {
          json = res.body ? JSON.parse(res.body) : undefined;
        } catch {
          json = undefined;
        }
        // The OTLP receiver answers in the OpenTelemetry protocol's own shapes and encodings.
        const otlp = op.key.includes(" /v1/");
        if (status >= 500) fail(status, `server error: ${lastLoggedError()}`);
        else if (otlp) {
          /* only the no-5xx and no-change checks apply */
        } else if (status >= 400 && !isErrorBody(json)) fail(status, "4xx without the error shape");
        else if (status >= 400 && isErrorBody(json) && INTERNALS.test(json.error.message))
          fail(status, `error message leaks internals: ${json.error.message.slice(0, 120)}`);
        else if (status < 200 || (status >= 300 && status < 400)) fail(status, "unexpected status");
        else if (
          status < 300 &&
          status !== 204 &&
          json === undefined &&
          !DOCUMENT_TYPES.test(String(res.headers["content-type"] ?? ""))
        )
          fail(status, "2xx without a JSON body");
        const after = await stateOf(w.database, tables);
        if (status >= 400 && after !== state)
          fail(status, `a refused request changed the database: ${changes(state, after)}`);
        state = after;
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
    console.log(
      `fuzz [${dialect}] seed=${SEED} routes=${operations.length} requests=${sent} (${perRoute} per route) in ${seconds}s; ` +
        `statuses ${histogram.join(" ")}; kinds ${[...kinds.entries()].map(([k, n]) => `${k}:${n}`).join(" ")}`,
    );
    expect(sent).toBeGreaterThanOrEqual(TOTAL[dialect]);
    // One example per kind of failure, with the routes it hit, so one systematic bug does not
    // bury the others.
    const distinct = new Map<string, { example: Failure; routes: Set<string>; count: number }>();
    for (const failure of failures) {
      const key = `${failure.status} ${failure.problem.replace(/\d+/g, "#").slice(0, 60)}`;
      const seen = distinct.get(key) ?? { example: failure, routes: new Set<string>(), count: 0 };
      seen.routes.add(failure.route);
      seen.count += 1;
      distinct.set(key, seen);
    }
    const report = [...distinct.values()].map(
      ({ example, routes, count }) =>
        `${example.status} ${example.problem} from ${example.kind} requests (x${count} on ${routes.size} routes: ${[...routes].slice(0, 4).join(", ")}${routes.size > 4 ? ", ..." : ""})\n    e.g. ${example.request}`,
    );
    expect(report, `seed ${SEED}:\n${report.join("\n")}`).toEqual([]);
  }, 900_000);

  it("is healthy afterwards: serves, keeps sessions, no polluted prototypes", async () => {
    expect((await w.anonymous.get("/api/health")).status).toBe(200);
    for (const caller of [w.admin, w.leader, w.engineer]) {
      expect((await caller.get("/api/v1/auth/me")).status).toBe(200);
    }
    const probe: Record<string, unknown> = {};
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("still has an audit history that verifies, whatever text the requests carried", async () => {
    const audit = await verifyAudit(w.database);
    expect(audit.entries).toBeGreaterThan(0);
    const found = await Promise.all(
      audit.problems.slice(0, 5).map(async (p) => {
        const entry = await w.database.db
          .selectFrom("auditEvents")
          .select("summary")
          .where("seq", "=", p.seq)
          .executeTakeFirst();
        return `entry ${p.seq} ${p.problem}: stored summary ${JSON.stringify(entry?.summary ?? null)}`;
      }),
    );
    expect(found, `${audit.problems.length} entries do not verify:\n${found.join("\n")}`).toEqual([]);
  });
});
