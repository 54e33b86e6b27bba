// @ts-check
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "web/dist", "node_modules", "test-results", ".cache", "bin"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The core is pure: no I/O, no store, no server. Boundaries enforced here so they cannot rot.
    files: ["src/core/**/*.ts", "src/contract/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/store/**", "**/server/**", "**/commands/**", "**/cli/**"],
              message: "core must stay pure",
            },
            {
              group: ["node:fs", "node:net", "node:http", "fs", "pg", "better-sqlite3", "kysely"],
              message: "core must stay pure (no I/O)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/src/**/*.ts", "web/src/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/store/**", "**/server/**", "**/commands/**", "**/cli/**"],
              message: "the web app talks to the API only; it may import src/contract and src/core",
            },
          ],
        },
      ],
    },
  },
);
