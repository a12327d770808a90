import {DuckDBInstance} from "@duckdb/node-api";
import {populate, rows} from "./loaders/warehouse.ts";
const db = await (await DuckDBInstance.create(":memory:")).connect();
try { await populate(db); } catch (e) { console.log(String((e as Error).message).slice(0, 1500)); }
for (const q of process.argv.slice(2)) console.table(await rows(db, q));
