import type { CommandModule } from "yargs";
import { scenarioJsonSchemaText } from "../../scenario/schema.js";

export const schemaCommand: CommandModule = {
  command: "schema",
  describe: "print the JSON Schema of scenario files (for editor validation and completion)",
  handler: () => {
    process.stdout.write(scenarioJsonSchemaText());
  },
};
