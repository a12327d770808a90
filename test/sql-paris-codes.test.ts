// Paris is one commune (75056) of 20 arrondissements (75101–75120) that are never added to it. The
// models name them through macros (sql/macros.sql: code_paris(), est_arrondissement_paris(code)…),
// so that the rule lives in one place: no model writes the codes themselves (comments may cite them).
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, test} from "vitest";

const SQL = fileURLToPath(new URL("../loaders/sql/", import.meta.url));
/** The SQL without its comments (no model has "--" inside a string). */
const code = (text: string) => text.replace(/--[^\n]*/g, "");
const PARIS_CODES = /'75056'|'751(0[1-9]|1[0-9]|20)?'/;

describe("Paris codes in the SQL models", () => {
  test("no model but macros.sql writes 75056, an arrondissement code or their '751' prefix", () => {
    const offenders = readdirSync(SQL)
      .filter((f) => f.endsWith(".sql") && f !== "macros.sql")
      .flatMap((f) => code(readFileSync(join(SQL, f), "utf8")).split("\n").map((line, i) => ({f, line, i})))
      .filter(({line}) => PARIS_CODES.test(line))
      .map(({f, line, i}) => `${f}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  test("macros.sql names the commune of Paris once", () => {
    const macros = code(readFileSync(join(SQL, "macros.sql"), "utf8"));
    expect(macros.match(/'75056'/g)).toHaveLength(1);
  });
});
