// The data dictionary of a published table: column, type, unit, description, source.
import {emit, param} from "../../../loaders/cli.js";
import {readRegistry} from "../../../loaders/registry.js";
import {getTable} from "../../../loaders/tables.js";
import {formatCsv} from "../../lib/csv.js";

await emit(async () => {
  const sources = new Map(readRegistry().map((s) => [s.id, s]));
  const rows = getTable(param("table")).columns.map((c) => ({
    colonne: c.name,
    type: c.type,
    unite: c.unit,
    description: c.description,
    source: sources.get(c.source)?.title ?? c.source,
    millesime: sources.get(c.source)?.vintage ?? "",
    licence: sources.get(c.source)?.licence ?? ""
  }));
  return formatCsv(["colonne", "type", "unite", "description", "source", "millesime", "licence"], rows, "utf8");
});
