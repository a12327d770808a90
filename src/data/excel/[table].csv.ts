// A published table as CSV for French Excel (BOM, ";", decimal comma).
import {emit, param} from "../../../loaders/cli.js";
import {getTable, tableRows} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {formatCsv} from "../../lib/csv.js";

await emit(async () => {
  const table = getTable(param("table"));
  return formatCsv(table.columns.map((c) => c.name), await tableRows(await openWarehouse(), table), "excel-fr");
});
