import type { Command } from "commander";
import { verifyAudit, type AuditVerification } from "../store/audit-verify.js";
import { databaseSetting } from "../store/database.js";
import { openReadyDatabase } from "./database.js";
import { emit, fail } from "./output.js";

/** Exit code of `parley audit verify` when the history was tampered with (errors exit 1 or 2). */
export const AUDIT_BROKEN_EXIT_CODE = 3;

/** The verification as a person reads it: one line when intact, one line per problem otherwise. */
export function describeVerification(location: string, result: AuditVerification): string {
  const head = `head at entry ${result.head.seq} (${result.head.hash.slice(0, 16)})`;
  if (result.problems.length === 0) {
    return `The audit history of ${location} is intact: ${result.entries} entries checked, ${head}.`;
  }
  const n = result.problems.length;
  const lines = [
    `The audit history of ${location} was changed outside Parley: ${n} problem${n === 1 ? "" : "s"} in ${result.entries} entries (${head}).`,
    ...result.problems.map(
      (p) => `  entry ${String(p.seq).padStart(6)}  ${p.problem.padEnd(14)}  ${p.message}`,
    ),
    "Restore the database from a backup taken before the first entry listed, or keep it for investigation.",
  ];
  return lines.join("\n");
}

/** Adds `parley audit verify [--json]`, which checks the tamper-evident history end to end. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("Inspect the tamper-evident audit history");
  audit
    .command("verify")
    .description(
      `Check that no audit entry was edited, deleted, inserted or reordered; exits ${AUDIT_BROKEN_EXIT_CODE} when one was`,
    )
    .option("--json", "print the result as JSON")
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      try {
        const setting = (program.opts<{ database?: string }>().database ?? databaseSetting()).trim();
        const database = await openReadyDatabase(setting);
        let result: AuditVerification;
        try {
          result = await verifyAudit(database);
        } finally {
          await database.close();
        }
        emit(json, { database: database.location, intact: result.problems.length === 0, ...result }, () =>
          describeVerification(database.location, result),
        );
        if (result.problems.length > 0) process.exitCode = AUDIT_BROKEN_EXIT_CODE;
      } catch (err) {
        fail(err, json);
      }
    });
}
