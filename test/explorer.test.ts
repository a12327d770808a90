// The Explorer's model on a five-commune fixture in node DuckDB: the view joins and pivots, the
// builder's SQL keeps user values as parameters, and hostile permalinks are ignored and listed.
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, test} from "vitest";
import {builderQuery, decodeState, encodeState, levelView, TOTAL, type Level, type RegistryTable} from "../src/model/explorer.js";

const TABLES: RegistryTable[] = [
  {
    id: "communes",
    title: "Communes",
    primaryKey: ["code_commune"],
    columns: [
      {name: "code_commune", type: "texte", unit: "", description: ""},
      {name: "nom_commune", type: "texte", unit: "", description: ""},
      {name: "code_couronne", type: "texte", unit: "", description: ""},
      {name: "nom_couronne", type: "texte", unit: "", description: ""},
      {name: "population", type: "entier", unit: "habitants", description: ""}
    ]
  },
  {
    id: "indicateurs",
    title: "Indicateurs",
    primaryKey: ["niveau", "code", "indicateur"],
    pivot: {name: "indicateur", value: "valeur", status: "statut"},
    columns: [
      {name: "niveau", type: "texte", unit: "", description: ""},
      {name: "code", type: "texte", unit: "", description: ""},
      {name: "indicateur", type: "texte", unit: "", description: ""},
      {name: "valeur", type: "décimal", unit: "", description: ""},
      {name: "statut", type: "texte", unit: "", description: ""}
    ]
  }
];

// Five communes; pauvrete: A 10, B 20, C secret, D 30, E 40 (E in Paris' couronne).
const FIXTURE = `
create table communes as select * from (values
  ('91001', 'A', 'grande_couronne', 'Grande couronne', 5000),
  ('91002', 'B', 'grande_couronne', 'Grande couronne', 15000),
  ('93001', 'C', 'petite_couronne', 'Petite couronne', 20000),
  ('95001', 'D', 'grande_couronne', 'Grande couronne', 12000),
  ('75056', 'E', 'paris', 'Paris', 2000000)) t(code_commune, nom_commune, code_couronne, nom_couronne, population);
create table indicateurs as select * from (values
  ('commune', '91001', 'pauvrete', 10.0, null), ('commune', '91002', 'pauvrete', 20.0, null),
  ('commune', '93001', 'pauvrete', null, 's'), ('commune', '95001', 'pauvrete', 30.0, null),
  ('commune', '75056', 'pauvrete', 40.0, null), ('departement', '75', 'pauvrete', 99.0, null)) t(niveau, code, indicateur, valeur, statut);
`;

async function fixture() {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(FIXTURE);
  const view = levelView(TABLES, {id: "commune", pivots: new Map([["indicateurs", [{id: "pauvrete", label: "Pauvreté", unit: "%"}]]])});
  await db.run(`create view niveau_commune as ${view.sql}`);
  const level: Level = {
    id: "commune", label: "Communes", view: "niveau_commune", key: view.key, name: view.name, topo: "communes", count: 5, columns: view.columns,
    categories: [{column: "code_couronne", label: "couronne", values: [{code: "grande_couronne", label: "Grande couronne"}, {code: "paris", label: "Paris"}, {code: "petite_couronne", label: "Petite couronne"}]}]
  };
  const run = async (q: {sql: string; params: (string | number)[]}) => {
    const statement = await db.prepare(q.sql);
    q.params.forEach((p, i) => (typeof p === "number" ? (Number.isInteger(p) ? statement.bindInteger(i + 1, p) : statement.bindDouble(i + 1, p)) : statement.bindVarchar(i + 1, p)));
    const reader = await statement.runAndReadAll();
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
  };
  return {db, level, run};
}

describe("level views", () => {
  test("the commune view has one row per commune, the indicator pivoted beside its status, other levels left out", async () => {
    const {db} = await fixture();
    const rows = (await (await db.runAndReadAll("select code_commune, pauvrete, pauvrete_statut from niveau_commune order by 1")).getRowObjectsJS());
    expect(rows).toEqual([
      {code_commune: "75056", pauvrete: 40, pauvrete_statut: null},
      {code_commune: "91001", pauvrete: 10, pauvrete_statut: null},
      {code_commune: "91002", pauvrete: 20, pauvrete_statut: null},
      {code_commune: "93001", pauvrete: null, pauvrete_statut: "s"},
      {code_commune: "95001", pauvrete: 30, pauvrete_statut: null}
    ]);
  });
});

describe("builder queries", () => {
  test("grande couronne, at least 10,000 inhabitants, pauvrete ≥ 15: B and D, sorted by pauvrete, with the total", async () => {
    const {level, run} = await fixture();
    const q = builderQuery(level, {niveau: "commune", filters: [{column: "code_couronne", op: "in", value: ["grande_couronne"]}, {column: "population", op: "ge", value: 10000}, {column: "pauvrete", op: "ge", value: 15}], columns: [], sort: {column: "pauvrete", desc: true}}, 100);
    const rows = await run(q);
    expect(rows.map((r) => r.code_commune)).toEqual(["95001", "91002"]);
    expect(rows.map((r) => r[TOTAL])).toEqual([2, 2]);
  });

  test("quintiles are taken over the communes with a value: of four values, the top quintile is the highest (E), the secret one is in none", async () => {
    const {level, run} = await fixture();
    const rows = await run(builderQuery(level, {niveau: "commune", filters: [{column: "pauvrete", op: "q", value: [5]}], columns: [], sort: null}, 100));
    expect(rows.map((r) => r.code_commune)).toEqual(["75056"]);
    const bottom = await run(builderQuery(level, {niveau: "commune", filters: [{column: "pauvrete", op: "q", value: [1, 2, 3, 4, 5]}], columns: [], sort: null}, 100));
    expect(bottom.map((r) => r.code_commune)).not.toContain("93001");
  });

  test("a value that looks like SQL stays a parameter: it matches nothing and breaks nothing", async () => {
    const {level, run} = await fixture();
    const q = builderQuery(level, {niveau: "commune", filters: [{column: "code_couronne", op: "in", value: ["x') or 1=1 --"]}], columns: [], sort: null}, 100);
    expect(q.sql).not.toContain("or 1=1");
    expect(await run(q)).toEqual([]);
  });

  test("the limit cuts the rows but the total counts them all", async () => {
    const {level, run} = await fixture();
    const rows = await run(builderQuery(level, {niveau: "commune", filters: [], columns: [], sort: null}, 2));
    expect(rows).toHaveLength(2);
    expect(rows[0][TOTAL]).toBe(5);
  });

  test("a column the level does not have is refused before any SQL is written", async () => {
    const {level} = await fixture();
    expect(() => builderQuery(level, {niveau: "commune", filters: [{column: "x\"; drop table communes; --", op: "ge", value: 1}], columns: [], sort: null}, 10)).toThrow(/colonne inconnue/);
  });
});

describe("permalinks", () => {
  test("a state survives encoding and decoding", async () => {
    const {level} = await fixture();
    const state = {mode: "builder" as const, builder: {niveau: "commune", filters: [{column: "pauvrete", op: "q" as const, value: [4, 5]}, {column: "code_couronne", op: "in" as const, value: ["paris"]}, {column: "population", op: "le" as const, value: 12000.5}], columns: ["population"], sort: {column: "pauvrete", desc: true}}, sql: null};
    expect(decodeState(encodeState(state), [level])).toEqual({state, ignored: []});
  });

  test("hostile values are ignored and listed; what is valid is kept", async () => {
    const {level} = await fixture();
    const search = "?niveau=commune&filtre=__proto__:ge:1&filtre=population:ge:1e309&filtre=population:ge:<script>&filtre=pauvrete:q:6&filtre=code_couronne:in:paris,ailleurs&filtre=population:ge:10000&colonnes=constructor,population&tri=-toString";
    const {state, ignored} = decodeState(search, [level]);
    expect(state.builder.filters).toEqual([{column: "population", op: "ge", value: 10000}]);
    expect(state.builder.columns).toEqual(["population"]);
    expect(state.builder.sort).toBeNull();
    expect(ignored).toHaveLength(7);
    expect(ignored.join(" ")).toContain("__proto__");
  });

  test("SQL from a link is kept for the editor, never over 20,000 characters", async () => {
    const {level} = await fixture();
    expect(decodeState("?mode=sql&sql=select%201", [level]).state).toMatchObject({mode: "sql", sql: "select 1"});
    const long = decodeState(`?mode=sql&sql=${"x".repeat(20_001)}`, [level]);
    expect(long.state.sql).toBeNull();
    expect(long.ignored).toHaveLength(1);
  });
});
