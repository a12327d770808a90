import {describe, expect, it} from "vitest";
import {readStructureFile} from "../loaders/structures.js";
import {structuresSchema} from "../loaders/schemas.js";
import {fromTiersLieux, fusionsFrom} from "../src/model/structures.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("a support-structure file read by the warehouse", () => {
  // Line 2 valid; line 3 has two bad cells; line 4 names a commune merged in 2025.
  const file = [
    "ID,NOM_TL,TYPO,LAT,LONG,codgeo_cog2026",
    "7,Craft,Tiers lieux à dominante coworking,48.873196,2.363061,75056",
    "8,Ailleurs,,45.76,4.83,75056",
    "9,La Briqueterie,,48.95,2.38,93059"
  ].join("\n");
  const context = {schema: structuresSchema(), communes: new Set(["75056", "93066"]), fusions: fusionsFrom([{code_ancien: "93059", code_nouveau: "93066", nom_nouveau: "Saint-Denis"}])};
  const read = readStructureFile("tiers_lieux_2019", fromTiersLieux, bytes(file), "supply/tl.csv", context);

  it("loads the valid lines and lists every problem of every rejected line, under the source's registry id", () => {
    expect(read.rows.map((r) => r.id)).toEqual(["TL7"]);
    expect(read.rejects.map((r) => [r.source, r.file, r.line, r.column, r.value])).toEqual([
      ["tiers_lieux_2019", "supply/tl.csv", 3, "LAT", "45.76"],
      ["tiers_lieux_2019", "supply/tl.csv", 3, "LONG", "4.83"],
      ["tiers_lieux_2019", "supply/tl.csv", 4, "codgeo_cog2026", "93059"]
    ]);
    expect(read.rejects[2].expected).toMatch(/fusionnée dans 93066/);
  });

  it("counts the file's data lines apart from what was loaded, so the build can check that none was lost", () => {
    expect(read.sourceRows).toBe(3); // 1 loaded + 2 rejected lines
  });

  it("takes the count from the CSV reader, not from the model: a line the model loses is caught", () => {
    // A faulty adapter that drops its first loaded row, and says so consistently in its own count.
    const lossy: typeof fromTiersLieux = (b, f, c) => {
      const r = fromTiersLieux(b, f, c);
      return {...r, rows: r.rows.slice(1), dataLines: r.dataLines - 1};
    };
    const lost = readStructureFile("tiers_lieux_2019", lossy, bytes(file), "supply/tl.csv", context);
    const rejectedLines = new Set(lost.rejects.map((r) => r.line)).size;
    expect(lost.sourceRows).toBe(3);
    expect(lost.rows.length + rejectedLines).toBe(2); // ≠ 3: source_rows_accounted fails the build
  });

  it("stops the build when the file cannot be read at all", () => {
    expect(() => readStructureFile("tiers_lieux_2019", fromTiersLieux, bytes("ID,NOM\n1,x"), "supply/tl.csv", {...context, communes: new Set()})).toThrow(/supply\/tl\.csv \(source "tiers_lieux_2019"\) n'a pas pu être lu : colonne NOM_TL, LAT, LONG, codgeo_cog2026/);
  });
});
