// The pages' Arrow files load into DuckDB-Wasm (the Explorer): insertArrowFromIPCStream reads only
// the IPC *stream* format and silently creates no table from the file format, so the loader must
// write streams (this test failed with tableToIPC(…, "file")). Runs DuckDB-Wasm's node build.
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {describe, expect, test} from "vitest";
import {toArrow} from "../loaders/tables.js";

const require = createRequire(import.meta.url);

describe("Arrow files for DuckDB-Wasm", () => {
  test("a published table written by the loader becomes a DuckDB-Wasm table with its rows and types", async () => {
    const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
    const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
    const db = await duckdb.createDuckDB(
      {mvp: {mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs")}, eh: {mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs")}},
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME
    );
    await db.instantiate();
    const conn = db.connect();
    const table = {id: "t", mart: "m", title: "", licence: "", sources: [], geometry: null, columns: [
      {name: "code_commune", type: "texte" as const, unit: "", description: "", source: ""},
      {name: "population", type: "entier" as const, unit: "", description: "", source: ""},
      {name: "taux", type: "décimal" as const, unit: "", description: "", source: ""}
    ]};
    conn.insertArrowFromIPCStream(await toArrow(table, [{code_commune: "01001", population: 12, taux: 0.5}, {code_commune: "75056", population: 7, taux: null}]), {name: "t", create: true});
    const rows = conn.query("select code_commune, population, taux, typeof(code_commune) as t from t order by 1").toArray().map((r: {toJSON(): object}) => r.toJSON());
    expect(rows).toEqual([
      {code_commune: "01001", population: 12, taux: 0.5, t: "VARCHAR"},
      {code_commune: "75056", population: 7, taux: null, t: "VARCHAR"}
    ]);
    conn.close();
  }, 60_000);
});
