import { z } from "zod";
import { ConfigFile } from "../contract/config.js";

/** Where the committed copy lives (a test fails when it is stale: run `parley config schema --out`). */
export const SCHEMA_PATH = "schema/parley.schema.json";

/**
 * The JSON Schema of parley.yaml, generated from the zod schema the CLI validates with, for editor
 * completion (yaml-language-server) and for other tools. Describes the input: defaults are shown
 * as defaults, and fields with one are optional.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigFile, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    title: "Parley config as code (parley.yaml)",
    ...schema,
  };
}

/** The schema as the committed file holds it: two-space JSON with a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
