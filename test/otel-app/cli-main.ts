// The parley CLI with the connector commands, whether or not src/cli/program.ts registers them yet.
import { registerConnectorCommands } from "../../src/cli/connectors.js";
import { buildProgram } from "../../src/cli/program.js";
import { databaseSetting } from "../../src/store/database.js";

const program = buildProgram();
if (!program.commands.some((c) => c.name() === "import"))
  registerConnectorCommands(program, () =>
    (program.opts<{ database?: string }>().database ?? databaseSetting()).trim(),
  );
await program.parseAsync(process.argv);
