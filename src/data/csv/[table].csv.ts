// A published table as CSV (UTF-8, comma, point decimals).
import {emit, param} from "../../../loaders/cli.js";
import {getTable, tableRows} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {formatCsv} from "../../lib/csv.js";

await emit(async () => {
  const table = getTable(param("table"));
  return formatCsv(table.columns.map((c) => c.name), await tableRows(await openWarehouse(), table), "utf8");
});
