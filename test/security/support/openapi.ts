import type { App } from "../../../src/server/deps.js";
import type { Method } from "./http.js";

/** The subset of JSON Schema that zod's OpenAPI output uses, as far as these tests read it. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** "METHOD /path/{param}", the key of the expectation and body tables. */
  key: string;
  method: Method;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** Every operation the app documents, read from its own GET /api/openapi.json. */
export async function documentedOperations(app: App): Promise<Operation[]> {
  const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
  const doc = JSON.parse(res.body) as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content?.["application/json"]?.schema;
      const upper = method.toUpperCase() as Method;
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        parameters: op.parameters ?? [],
        body,
      });
    }
  }
  return operations;
}

/** Routes served but deliberately absent from the OpenAPI document (documentation itself). */
const UNDOCUMENTED = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/**
 * Every API route the app actually serves, as "METHOD /path/{param}", reconstructed from Fastify's
 * route tree. A route hidden from the OpenAPI document would otherwise escape every table here.
 */
export function servedApiRoutes(app: App): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? "").length / 4;
    stack.length = depth;
    stack.push(m[2] ?? "");
    if (!m[3]) continue;
    const path = stack.join("").replace(/:(\w+)/g, "{$1}");
    if (!path.startsWith("/api/") || UNDOCUMENTED.some((re) => re.test(path))) continue;
    for (const method of m[3].split(",").map((s) => s.trim())) {
      if (METHODS.has(method.toLowerCase())) routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}
