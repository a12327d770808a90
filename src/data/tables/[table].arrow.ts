// A published table as Arrow IPC, for pages (tables, DuckDB-wasm).
import {emit, param} from "../../../loaders/cli.js";
import {getTable, tableRows, toArrow} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";

await emit(async () => {
  const table = getTable(param("table"));
  return toArrow(table, await tableRows(await openWarehouse(), table));
});
