// Page loader: the Méthode page, with the source registry written into its HTML at build time
// (each source's #source-<id> anchor exists before any script runs: links to it are checked).
import {readFileSync} from "node:fs";
import {emit} from "../loaders/cli.js";
import {readRegistry} from "../loaders/registry.js";
import {sourcesHtml} from "../loaders/sources-html.js";

await emit(async () => {
  const template = readFileSync(new URL("./methode.md.template", import.meta.url), "utf8");
  if (!template.includes("<!-- sources -->")) throw new Error("src/methode.md.template: the <!-- sources --> placeholder is missing");
  return template.replace("<!-- sources -->", sourcesHtml(readRegistry()));
});
