import { seedQuestionBank } from "../../src/commands/conversations.js";
import { createPerson } from "../../src/commands/people.js";
import { setupFirstAdmin } from "../../src/commands/auth.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/deps.js";
import {
  hasConnectorRoutes,
  registerConnectorRoutes,
  type ConnectorRouteOptions,
} from "../../src/server/routes/connectors.js";
import type { Database } from "../../src/store/database.js";
import { freshDatabase, PASSWORD, type DialectName } from "../integration/harness.js";

/** A JSON caller, like the harness's, plus raw access for OTLP and CSV bodies. */
export interface ConnectorCaller {
  get(url: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  patch(url: string, body: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  del(url: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
}

export interface ConnectorWorld {
  database: Database;
  app: App;
  clock: { now: Date };
  engineer: ConnectorCaller;
  leader: ConnectorCaller;
  /** A token with only the ingest scope, as an OpenTelemetry exporter would use. */
  ingestToken: string;
  readToken: string;
  close(): Promise<void>;
}

/**
 * The integration harness's world, with the connector routes registered on the app before its
 * first request (Fastify takes no routes after ready()). Once src/server/app.ts registers them,
 * this only skips the registration.
 */
export async function createConnectorWorld(
  dialect: DialectName,
  start: Date = new Date("2026-06-01T12:00:00Z"),
  options: ConnectorRouteOptions & { realClock?: boolean } = {},
): Promise<ConnectorWorld> {
  const { database, drop } = await freshDatabase(dialect);
  const clock = { now: start };
  await seedQuestionBank(database, clock.now);
  const admin = await setupFirstAdmin(
    database,
    { name: "Ada Admin", email: "admin@test.dev", side: "engineering", password: PASSWORD },
    clock.now,
  );
  const ctx = {
    database,
    actor: { id: admin.id, name: admin.name, side: admin.side, isAdmin: true },
    now: clock.now,
  };
  await createPerson(ctx, {
    name: "Lena Leader",
    email: "lena@test.dev",
    side: "leadership",
    isAdmin: false,
    password: PASSWORD,
  });
  await createPerson(ctx, {
    name: "Eli Engineer",
    email: "eli@test.dev",
    side: "engineering",
    isAdmin: false,
    password: PASSWORD,
  });
  const tick = options.realClock
    ? () => (clock.now = new Date())
    : () => (clock.now = new Date(clock.now.getTime() + 1));
  const app = await buildApp({ database, clock: tick });
  if (!hasConnectorRoutes(app)) registerConnectorRoutes(app, { database, clock: tick }, options);

  const signIn = async (email: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "parley_session");
    if (!cookie) throw new Error(`sign-in failed for ${email}: ${res.body}`);
    return cookie.value;
  };
  const caller = (cookie: string): ConnectorCaller => {
    const send = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown) => {
      const res = await app.inject({
        method,
        url,
        headers: {
          cookie: `parley_session=${cookie}`,
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { payload: JSON.stringify(body) }),
      });
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
    };
    return {
      get: (url) => send("GET", url),
      post: (url, body) => send("POST", url, body ?? {}),
      patch: (url, body) => send("PATCH", url, body),
      del: (url) => send("DELETE", url),
    };
  };
  const engineer = caller(await signIn("eli@test.dev"));
  const leader = caller(await signIn("lena@test.dev"));
  const token = async (scopes: string[]) =>
    (await engineer.post("/api/v1/tokens", { name: `t-${scopes.join("-")}`, scopes })).body.token as string;
  return {
    database,
    app,
    clock,
    engineer,
    leader,
    ingestToken: await token(["ingest"]),
    readToken: await token(["read"]),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
