import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configJsonSchemaText, SCHEMA_PATH } from "./json-schema.js";

describe("the published JSON Schema of parley.yaml", () => {
  it("matches the committed schema/parley.schema.json", () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, "../..", SCHEMA_PATH), "utf8"),
    ) as unknown;
    expect(
      JSON.stringify(committed) === JSON.stringify(JSON.parse(configJsonSchemaText())),
      `${SCHEMA_PATH} is stale: regenerate it with \`node --import tsx src/cli/main.ts config schema --out ${SCHEMA_PATH} && npx prettier --write ${SCHEMA_PATH}\` and commit it`,
    ).toBe(true);
  });

  it("is strict (misspelt keys are flagged in the editor) and lists the enums", () => {
    const schema = configJsonSchema() as {
      additionalProperties: boolean;
      properties: {
        systems: { items: { additionalProperties: boolean; properties: { stage: { enum: string[] } } } };
      };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.systems.items.additionalProperties).toBe(false);
    expect(schema.properties.systems.items.properties.stage.enum).toContain("production");
  });
});
