// The API contract: one zod schema per request and response. The server validates with these,
// the OpenAPI document is generated from them, and the web app imports the inferred types.
export * from "./common.js";
export * from "./enums.js";
export * from "./people.js";
export * from "./accounts.js";
export * from "./systems.js";
export * from "./conversations.js";
export * from "./risks.js";
export * from "./safeguards.js";
export * from "./statements.js";
export * from "./portfolio.js";
export * from "./signals.js";
export * from "./limits.js";
