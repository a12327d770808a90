// A published table as Parquet (zstd), for partners.
import {emit, param} from "../../../loaders/cli.js";
import {getTable, toParquet} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";

await emit(async () => toParquet(await openWarehouse(), getTable(param("table"))));
