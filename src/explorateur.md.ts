// Page loader: the Explorer, with one FileAttachment per published table of data/tables.json (a
// FileAttachment needs a literal name for Framework to build and ship the file).
import {readFileSync} from "node:fs";
import {emit} from "../loaders/cli.js";
import {readTables} from "../loaders/tables.js";

const PLACEHOLDER = "/* sources-explorateur */";

await emit(async () => {
  const template = readFileSync(new URL("./explorateur.md.template", import.meta.url), "utf8");
  if (!template.includes(PLACEHOLDER)) throw new Error(`src/explorateur.md.template: the ${PLACEHOLDER} placeholder is missing`);
  const sources = readTables()
    .map((t) => `${JSON.stringify(t.id)}: FileAttachment(${JSON.stringify(`data/tables/${t.id}.arrow`)})`)
    .join(", ");
  // One line, however many tables the registry declares: the page's code block stays short.
  return template.replace(PLACEHOLDER, `{${sources}}`);
});
