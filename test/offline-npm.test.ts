import {readFileSync} from "node:fs";
import {afterEach, describe, expect, it, vi} from "vitest";
import {
  answerCdn,
  answerRegistry,
  contentType,
  esmSubpath,
  jsDelivrEsmPath,
  NOT_INSTALLED,
  notInstalledMessage,
  parseBareImport,
  parseCdnSpecifier,
  parseRegistryRequest
} from "../bin/offline-npm.ts";

const installedVersion = (name: string): string =>
  JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf-8")).version;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("parsing what Framework asks the CDN for", () => {
  it("splits a plain package request into name, version and path", () => {
    expect(parseCdnSpecifier("d3@7.9.0/+esm")).toEqual({name: "d3", version: "7.9.0", path: "+esm"});
  });

  it("keeps the scope of a scoped package and the whole file path", () => {
    expect(parseCdnSpecifier("@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm")).toEqual({
      name: "@duckdb/duckdb-wasm",
      version: "1.29.0",
      path: "dist/duckdb-eh.wasm"
    });
  });

  it("refuses a request without a version", () => {
    expect(parseCdnSpecifier("d3/+esm")).toBeNull();
  });

  it("tells a bundle request from a file request", () => {
    expect(esmSubpath("+esm")).toBe("");
    expect(esmSubpath("client/+esm")).toBe("client");
    expect(esmSubpath("dist/duckdb-browser-eh.worker.js")).toBeNull();
    expect(esmSubpath("package.json")).toBeNull();
  });
});

describe("rewriting imports the way jsDelivr's +esm does", () => {
  it("recognises bare package imports with and without a subpath", () => {
    expect(parseBareImport("d3-array")).toEqual({name: "d3-array", subpath: ""});
    expect(parseBareImport("@uwdata/flechette/src/x.js")).toEqual({name: "@uwdata/flechette", subpath: "src/x.js"});
  });

  it("leaves relative, absolute and node: imports alone", () => {
    expect(parseBareImport("./util.js")).toBeNull();
    expect(parseBareImport("../index.js")).toBeNull();
    expect(parseBareImport("/npm/d3@7.9.0/+esm")).toBeNull();
    expect(parseBareImport("node:fs")).toBeNull();
  });

  it("points another package at /npm/<name>@<version>/+esm", () => {
    expect(jsDelivrEsmPath("d3-array", "3.2.4")).toBe("/npm/d3-array@3.2.4/+esm");
    expect(jsDelivrEsmPath("react-dom", "19.0.0", "client")).toBe("/npm/react-dom@19.0.0/client/+esm");
  });

  it("bundles d3 with its d3-* dependencies left external at their installed versions", async () => {
    const response = await answerCdn(`d3@${installedVersion("d3")}/+esm`);
    expect(response.headers.get("content-type")).toMatch(/^application\/javascript;/);
    const source = await response.text();
    expect(source).toContain(`"/npm/d3-array@${installedVersion("d3-array")}/+esm"`);
    expect(source).not.toMatch(/from\s*"d3-/);
  });

  it("bundles the same package byte for byte every time", async () => {
    const spec = `htl@${installedVersion("htl")}/+esm`;
    const [a, b] = await Promise.all([answerCdn(spec).then((r) => r.text()), answerCdn(spec).then((r) => r.text())]);
    expect(a).toBe(b);
    expect(a).toMatch(/export\s*\{/);
  });
});

describe("serving files from node_modules", () => {
  it("serves the installed package.json", async () => {
    const response = await answerCdn(`d3@${installedVersion("d3")}/package.json`);
    expect((await response.json()).name).toBe("d3");
  });

  it("gives the types Framework relies on to rewrite JavaScript and copy the rest", () => {
    expect(contentType("dist/duckdb-browser-eh.worker.js")).toMatch(/^application\/javascript;/);
    expect(contentType("dist/duckdb-eh.wasm")).toBe("application/wasm");
    expect(contentType("dist/unknown.bin")).toBe("application/octet-stream");
  });
});

describe("a package that is not installed", () => {
  it("says how to add it, with the exact version asked for", () => {
    expect(notInstalledMessage("lodash", "4.17.21")).toBe(
      "npm:lodash@4.17.21 is not in node_modules: add it to package.json (npm install --save-exact lodash@4.17.21)"
    );
  });

  it("does not suggest installing the placeholder version", () => {
    expect(notInstalledMessage("react-dom", NOT_INSTALLED)).toBe(
      "npm:react-dom is not in node_modules: add it to package.json (npm install --save-exact react-dom)"
    );
  });

  it("answers 404 with that message when the version asked for is not installed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await answerCdn("d3@0.0.1/+esm");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(notInstalledMessage("d3", "0.0.1"));
  });

  it("resolves a dist-tag to the placeholder so only loading it fails", async () => {
    const response = answerRegistry("surely-not-installed-package", "latest");
    expect(await response.json()).toEqual({name: "surely-not-installed-package", version: NOT_INSTALLED});
  });
});

describe("answering registry version look-ups without naming the registry", () => {
  const registry = "https://registry.example/";

  it("recognises a dist-tag look-up under npm's configured registry", () => {
    expect(parseRegistryRequest(new URL(`${registry}apache-arrow/latest`), null, registry)).toEqual({
      name: "apache-arrow",
      tag: "latest"
    });
  });

  it("recognises a range look-up by its install-v1 Accept header", () => {
    const url = new URL("https://anywhere.example/@uwdata/flechette");
    expect(parseRegistryRequest(url, "application/vnd.npm.install-v1+json", undefined)).toEqual({
      name: "@uwdata/flechette"
    });
  });

  it("lets any other request through", () => {
    expect(parseRegistryRequest(new URL("https://example.org/a/b/c"), null, registry)).toBeNull();
    expect(parseRegistryRequest(new URL(`${registry}a/b/c`), null, registry)).toBeNull();
  });

  it("answers a dist-tag with the version installed at top level", async () => {
    const response = answerRegistry("apache-arrow", "latest");
    expect(await response.json()).toEqual({name: "apache-arrow", version: installedVersion("apache-arrow")});
  });

  it("lists every installed copy for a range look-up", async () => {
    const body = await answerRegistry("apache-arrow", undefined).json();
    expect(Object.keys(body.versions)).toContain(installedVersion("apache-arrow"));
    expect(body["dist-tags"].latest).toBe(installedVersion("apache-arrow"));
  });
});
