// A published table as an Excel workbook: the data (codes as text, numbers as numbers), its
// dictionary, its sources and licence (loaders/xlsx.ts).
import {emit, param} from "../../../loaders/cli.js";
import {readRegistry} from "../../../loaders/registry.js";
import {getTable, tableRows} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {writeWorkbook} from "../../../loaders/xlsx.js";

await emit(async () => {
  const table = getTable(param("table"));
  return writeWorkbook({table, rows: await tableRows(await openWarehouse(), table), sources: readRegistry()});
});
