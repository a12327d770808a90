import {existsSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ARCHIVES} from "../loaders/downloads.js";
import {DOWNLOAD_FORMATS} from "../src/lib/downloads.js";

describe("the downloads' archives", () => {
  it("cover every download format of the Données page, and the Arrow tables of the pages", () => {
    expect(ARCHIVES.map((a) => a.folder).sort()).toEqual([...DOWNLOAD_FORMATS.map((f) => f.folder), "tables"].sort());
  });

  it("each have the loader Framework looks for, src/data/<folder>.zip.ts, and no per-table loader is left to shadow it", () => {
    for (const {folder} of ARCHIVES) {
      expect(existsSync(new URL(`../src/data/${folder}.zip.ts`, import.meta.url)), `src/data/${folder}.zip.ts`).toBe(true);
      expect(existsSync(new URL(`../src/data/${folder}/`, import.meta.url)), `src/data/${folder}/`).toBe(false);
    }
  });

  it("put GeoJSON only for the tables that have a geometry", () => {
    const geojson = ARCHIVES.find((a) => a.folder === "geojson")!;
    const table = {id: "t", mart: "m", title: "", licence: "", sources: [], columns: []};
    expect(geojson.applies({...table, geometry: "communes"})).toBe(true);
    expect(geojson.applies({...table, geometry: null})).toBe(false);
  });
});
