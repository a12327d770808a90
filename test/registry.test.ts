import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {getSource, readRegistry} from "../loaders/registry.js";
import {STAGED} from "../loaders/staging.js";
import {readTables} from "../loaders/tables.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/registry/${name}`, import.meta.url));

describe("the source registry", () => {
  it("declares every source with publisher, licence, vintage, upstream URL, pack file and sha256", () => {
    const sources = readRegistry();
    expect(sources.length).toBeGreaterThanOrEqual(8);
    for (const s of sources) {
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.upstream_url).toMatch(/^https:\/\//);
    }
  });

  it("marks the Paris arrondissement geometry as ODbL with its attribution", () => {
    const source = getSource("paris_arrondissements");
    expect(source.licence).toBe("ODbL");
    expect(source.attribution).toMatch(/Ville de Paris/);
  });

  it("covers every staged source and every source a published column cites", () => {
    const ids = new Set(readRegistry().map((s) => s.id));
    for (const staged of STAGED) expect(ids.has(staged.source), staged.source).toBe(true);
    for (const table of readTables()) {
      for (const c of table.columns) if (c.source !== "") expect(ids.has(c.source), `${table.id}.${c.name}`).toBe(true);
    }
  });

  it("rejects a duplicate id", () => {
    expect(() => readRegistry(fixture("duplicate.json"))).toThrow(/duplicate id "a"/);
  });

  it("rejects an entry without a licence, naming the entry and the field", () => {
    expect(() => readRegistry(fixture("no-licence.json"))).toThrow(/sources\[0\] \(a\): field "licence" is missing or empty/);
  });

  it("rejects a malformed sha256", () => {
    expect(() => readRegistry(fixture("bad-sha.json"))).toThrow(/"sha256" must be 64 lowercase hexadecimal characters/);
  });

  it("names an unknown source and where to declare it", () => {
    expect(() => getSource("inconnue")).toThrow(/Unknown source "inconnue": declare it in data\/sources\.json/);
  });
});
