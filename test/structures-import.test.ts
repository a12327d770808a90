// The staff's own structures file, imported on the Implantation page, read by the schema-driven
// engine: every bad row gets its line and column, none is silently fixed (issue 10, « Bad input »).
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {structuresSchema} from "../loaders/schemas.js";
import {fusionsFrom, validateStructures} from "../src/model/structures.js";

const bytes = readFileSync(new URL("./fixtures/structures/staff-import-bad-rows.csv", import.meta.url));
const context = {schema: structuresSchema(), communes: new Set(["93066", "75056"]), fusions: fusionsFrom([{code_ancien: "93059", code_nouveau: "93066", nom_nouveau: "Saint-Denis"}])};
const result = validateStructures(bytes, "mes-structures.csv", context);

describe("a staff structures file with bad rows", () => {
  it("loads the good rows and rejects each bad one at its line and column, with its code", () => {
    expect(result.rows.map((r) => [r.line, r.id, r.famille ?? null])).toEqual([
      [2, "S1", "entrepreneuriat"],
      [10, "S9", "insertion"]
    ]);
    const problems = result.problems.filter((p) => p.severity === "error").map((p) => [p.line, p.column, p.value, p.code]);
    expect(problems).toEqual([
      [3, "latitude", "45.76", "range"], // outside the region
      [3, "longitude", "4.83", "range"],
      [4, "type", "constructor", "enum"], // not a type of the schema, even as a built-in property name
      [5, "type", "__proto__", "enum"],
      [6, "id", "S1", "unique"], // duplicated id
      [7, "code_commune", "93059", "reference"], // merged commune: named, not mapped
      [8, "famille", "constructor", "enum"], // not a family of the schema
      [9, "famille", "__proto__", "enum"]
    ]);
  });

  it("never fixes a value silently: the merged code is explained and the row stays out", () => {
    const merged = result.problems.find((p) => p.line === 7)!;
    expect(merged.expected).toContain("93059 n'existe plus dans le COG 2026 : commune fusionnée dans 93066 (Saint-Denis), utiliser 93066");
    expect(result.rows.some((r) => r.code_commune === "93066" && r.line === 7)).toBe(false);
  });

  it("lists the families of the schema in what it expects", () => {
    const family = result.problems.find((p) => p.line === 8)!;
    expect(family.expected).toContain("« acces_droits »");
    expect(family.expected).toContain("« lieux »");
  });
});
