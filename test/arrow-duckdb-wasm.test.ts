// The pages' Arrow files load into DuckDB-Wasm (the Explorer): insertArrowFromIPCStream reads only
// the IPC *stream* format and silently creates no table from the file format, so the loader must
// write streams (this test failed with tableToIPC(…, "file")). Runs DuckDB-Wasm's node build.
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {DataType, tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrow} from "../loaders/tables.js";

const require = createRequire(import.meta.url);

let opened: Promise<{connect(): any}> | null = null;
/** One DuckDB-Wasm (node build) for the file. */
function wasmDb() {
  opened ??= (async () => {
    const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
    const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
    const db = await duckdb.createDuckDB(
      {mvp: {mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs")}, eh: {mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs")}},
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME
    );
    await db.instantiate();
    return db;
  })();
  return opened;
}

describe("Arrow files for DuckDB-Wasm", () => {
  test("a published table written by the loader becomes a DuckDB-Wasm table with its rows and types", async () => {
    const conn = (await wasmDb()).connect();
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

  test("a text column that repeats its values is dictionary-encoded, and reads back as the same text", async () => {
    const table = {id: "t", mart: "m", title: "", licence: "", sources: [], geometry: null, columns: [
      {name: "code_commune", type: "texte" as const, unit: "", description: "", source: ""},
      {name: "financeur", type: "texte" as const, unit: "", description: "", source: ""}
    ]};
    // 6 rows: code_commune has 6 distinct values (stays plain), financeur 3 with null (≤ half: a dictionary).
    const data = [
      {code_commune: "75056", financeur: "region"},
      {code_commune: "93066", financeur: "etat"},
      {code_commune: "01001", financeur: "region"},
      {code_commune: "77001", financeur: null},
      {code_commune: "77002", financeur: "region"},
      {code_commune: "78003", financeur: "etat"}
    ];
    const ipc = await toArrow(table, data);
    const arrow = tableFromIPC(ipc);
    expect(DataType.isDictionary(arrow.schema.fields[1].type)).toBe(true);
    expect(DataType.isDictionary(arrow.schema.fields[0].type)).toBe(false);
    expect(arrow.toArray().map((r) => r.toJSON())).toEqual(data);
    const conn = (await wasmDb()).connect();
    conn.insertArrowFromIPCStream(ipc, {name: "d", create: true});
    const rows = conn.query("select financeur, typeof(financeur) as t, count(*)::int as n from d group by all order by 1 nulls last").toArray().map((r: {toJSON(): object}) => r.toJSON());
    expect(rows).toEqual([
      {financeur: "etat", t: "VARCHAR", n: 2},
      {financeur: "region", t: "VARCHAR", n: 3},
      {financeur: null, t: "VARCHAR", n: 1}
    ]);
    conn.close();
  }, 60_000);
});
