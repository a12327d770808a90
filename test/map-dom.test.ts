// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {lazyTitles} from "../src/components/map.js";
import {showLevelMap, TerritoryMap, VIEW_BOX} from "../src/components/territory-map.js";
import {HEIGHT, WIDTH} from "../src/lib/projection.js";

const NS = "http://www.w3.org/2000/svg";

function mapOf(codes: string[]): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg") as SVGSVGElement;
  svg.setAttribute("class", "choropleth");
  for (const code of codes) {
    const path = document.createElementNS(NS, "path");
    path.dataset.code = code;
    svg.append(path);
  }
  document.body.append(svg);
  return svg;
}
const hover = (svg: SVGSVGElement, code: string) => {
  const shape = svg.querySelector(`path[data-code="${code}"]`)!;
  shape.dispatchEvent(new Event("pointerover", {bubbles: true}));
  return [...shape.querySelectorAll("title")].map((t) => t.textContent);
};

describe("tooltips made on hover", () => {
  it("show the latest view's values after the view changes, once", () => {
    const svg = mapOf(["93066", "92004"]);
    lazyTitles(svg, (s) => `${s.dataset.code} — indice 0,80`);
    expect(hover(svg, "93066")).toEqual(["93066 — indice 0,80"]);
    // the page re-runs its cell with new weights: the same map gets a new title function
    lazyTitles(svg, (s) => `${s.dataset.code} — indice 0,55`);
    expect(hover(svg, "93066")).toEqual(["93066 — indice 0,55"]);
    expect(hover(svg, "92004")).toEqual(["92004 — indice 0,55"]);
    lazyTitles(svg, (s) => `${s.dataset.code} — 36,0 %`);
    expect(hover(svg, "93066")).toEqual(["93066 — 36,0 %"]);
  });

  it("are written as text, never as markup", () => {
    const svg = mapOf(["x"]);
    lazyTitles(svg, () => "<img src=x onerror=alert(1)>");
    hover(svg, "x");
    expect(svg.querySelector("img")).toBeNull();
    expect(svg.querySelector("title")!.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("the maps of the scales above the commune", () => {
  // Two squares sharing an edge, each its own département: one border between them.
  const topo = {
    type: "Topology",
    arcs: [[[0, 0], [0, 10]], [[0, 10], [-10, 10], [-10, 0], [0, 0]], [[0, 0], [10, 0], [10, 10], [0, 10]]],
    objects: {
      bassins: {type: "GeometryCollection", geometries: [{type: "Polygon", id: "1101", arcs: [[0, 1]]}, {type: "Polygon", id: "1102", arcs: [[2, -1]]}]},
      departements: {type: "GeometryCollection", geometries: [{type: "Polygon", id: "75", arcs: [[0, 1]]}, {type: "Polygon", id: "92", arcs: [[2, -1]]}]}
    }
  } as never;

  it("share the frame of the projection", () => {
    expect(VIEW_BOX).toBe(`0 0 ${WIDTH} ${HEIGHT}`);
  });

  it("draw one shape per territory, with its code and scale", () => {
    const svg = TerritoryMap(topo, "bassins", {label: "Carte des bassins", niveau: "bassin"});
    expect([...svg.querySelectorAll("path[data-code]")].map((p) => [p.getAttribute("data-code"), p.getAttribute("data-niveau")])).toEqual([["1101", "bassin"], ["1102", "bassin"]]);
    expect(svg.getAttribute("aria-label")).toBe("Carte des bassins");
  });

  it("are drawn once, shown one at a time beside the commune map, with the figure's caption", () => {
    const figure = document.createElement("figure");
    figure.append(mapOf(["93066"]), document.createElement("figcaption"));
    const bassins = showLevelMap(figure, "bassin", {topo, object: "bassins", label: "Carte des bassins", caption: "Bassins"});
    expect(figure.querySelectorAll("svg.choropleth")).toHaveLength(2);
    expect(figure.querySelector("figcaption")!.textContent).toBe("Bassins");
    const communes = showLevelMap(figure, "commune", {topo: null, label: "", caption: "Communes"});
    expect([communes.style.display, bassins.style.display]).toEqual(["", "none"]);
    expect(showLevelMap(figure, "bassin", {topo: null, object: "bassins", label: "", caption: "Bassins"})).toBe(bassins);
    expect(figure.querySelectorAll("svg.choropleth")).toHaveLength(2);
  });
});
