// The Table Schemas that drive the validation engine (src/model/validation): the project's own
// data/structures.schema.json, and the national SCDL "subventions" schema read from the data pack
// through the source registry (scdl_schema_2_1_1), never copied into the project.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {TableSchema} from "../src/model/validation/schema.js";
import {locateById, PROJECT_ROOT, type PackOptions} from "./pack.js";

export function structuresSchema(): TableSchema {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "data/structures.schema.json"), "utf8")) as TableSchema;
}

export async function scdlSchema(options?: PackOptions): Promise<TableSchema> {
  return JSON.parse(readFileSync(await locateById("scdl_schema_2_1_1", options), "utf8")) as TableSchema;
}
