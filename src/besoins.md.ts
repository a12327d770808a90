// Page loader: the Besoins page, with its commune map (Paris by arrondissement, ODbL layer) drawn
// at build time and coloured by the region-wide index with the default weights — the very
// computation the page runs (src/model/needs-view.ts), so the first paint needs no JavaScript.
import {readFileSync} from "node:fs";
import {emit} from "../loaders/cli.js";
import {needMap} from "../loaders/need-map.js";
import {needsData} from "../loaders/needs.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {mapLabel} from "./model/needs-view.js";

await emit(async () => {
  const db = await openWarehouse();
  const {svg} = await needMap(db, await needsData(db), {label: mapLabel("commune")});
  const template = readFileSync(new URL("./besoins.md.template", import.meta.url), "utf8");
  if (!template.includes("<!-- carte-besoins -->")) throw new Error("src/besoins.md.template: the <!-- carte-besoins --> placeholder is missing");
  return template.replace("<!-- carte-besoins -->", svg);
});
