// datapackage.json, built from the real registries, against the Data Package 2.0 / Table Schema rules
// (test/datapackage-rules.ts); and the rules themselves catch broken descriptors.
import {describe, expect, test} from "vitest";
import {readRegistry} from "../loaders/registry.js";
import {readTables} from "../loaders/tables.js";
import {dataPackage, tableLicenses} from "../src/lib/datapackage.js";
import {dataPackageProblems} from "./datapackage-rules.js";

const build = () => dataPackage(readTables(), readRegistry(), {path: (t) => `${t.id}.csv`, facts: () => ({bytes: 10, sha256: "ab".repeat(32)})});

describe("datapackage.json", () => {
  test("describes every published table and follows the Data Package and Table Schema rules", () => {
    const descriptor = build();
    expect(dataPackageProblems(descriptor)).toEqual([]);
    expect(descriptor.resources.map((r) => r.name)).toEqual(readTables().map((t) => t.id));
  });

  test("codes are strings, counts integers, rates numbers", () => {
    const communes = build().resources.find((r) => r.name === "communes")!;
    const type = (name: string) => communes.schema.fields.find((f) => f.name === name)?.type;
    expect([type("code_commune"), type("population"), type("densite")]).toEqual(["string", "integer", "number"]);
    expect(communes.schema.primaryKey).toEqual(["code_commune"]);
  });

  test("a table with Ville de Paris data inside carries the ODbL, the others the Licence Ouverte only", () => {
    const byName = new Map(build().resources.map((r) => [r.name, r.licenses.map((l) => l.name)]));
    expect(byName.get("arrondissements_paris")).toContain("ODbL-1.0");
    expect(byName.get("communes")).toEqual(["etalab-2.0"]);
    const sources = new Map([["paris", {id: "paris", title: "t", publisher: "Ville de Paris", licence: "ODbL", vintage: "2024", upstream_url: "u"}]]);
    const table = {id: "x", title: "x", licence: "Licence Ouverte 2.0", sources: ["paris"], columns: []};
    expect(tableLicenses(table, sources).map((l) => l.name)).toEqual(["etalab-2.0", "ODbL-1.0"]);
  });

  test("the rules reject what the specifications forbid", () => {
    const good = build();
    const broken = (change: (d: any) => void) => {
      const d = JSON.parse(JSON.stringify(good)); // no shared objects: one change, one place
      change(d);
      return dataPackageProblems(d);
    };
    expect(dataPackageProblems({})).toEqual(["resources: required, a non-empty array"]);
    expect(broken((d) => (d.resources[0].path = "../communes.csv"))).toHaveLength(1);
    expect(broken((d) => (d.resources[0].path = "/etc/passwd"))).toHaveLength(1);
    expect(broken((d) => delete d.resources[0].path)).toHaveLength(1);
    expect(broken((d) => (d.resources[1].name = d.resources[0].name))).toHaveLength(1);
    expect(broken((d) => (d.resources[0].schema.fields[0].type = "texte"))).toHaveLength(1);
    expect(broken((d) => (d.resources[0].schema.primaryKey = ["absent"]))).toHaveLength(1);
    expect(broken((d) => (d.licenses[0].name = "Licence Ouverte 2.0"))).toHaveLength(1);
    expect(broken((d) => (d.resources[0].schema.fields[1].name = d.resources[0].schema.fields[0].name))).toHaveLength(1);
  });
});
