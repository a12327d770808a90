// The portrait as a picture: one strip per indicator, the communes' distribution as grey bars and
// the territory (black dot), its département (triangle), its couronne (square) and the region
// (diamond) marked on it. Shapes, not colours, tell the marks apart, so it reads in black and white.
// Drawn from src/model/distribution.ts; text nodes only. The table beside it is the alternative.
import {markerLabel, type MarkerKind, type Strip} from "../model/distribution.js";

const SVG = "http://www.w3.org/2000/svg";
const LEGEND = 26;
const LABEL = 190;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A marker's shape centred on (x, y). */
function shape(kind: MarkerKind, x: number, y: number): SVGElement {
  const stroke = {stroke: "#000", "stroke-width": 1.4};
  if (kind === "territoire") return svgEl("circle", {cx: x, cy: y, r: 5.5, fill: "#000", ...stroke});
  if (kind === "departement") return svgEl("path", {d: `M${x},${y - 6}L${x + 6},${y + 5}L${x - 6},${y + 5}Z`, fill: "#fff", ...stroke});
  if (kind === "couronne") return svgEl("rect", {x: x - 4.5, y: y - 4.5, width: 9, height: 9, fill: "#fff", ...stroke});
  return svgEl("path", {d: `M${x},${y - 6.5}L${x + 6.5},${y}L${x},${y + 6.5}L${x - 6.5},${y}Z`, fill: "#fff", ...stroke});
}

const ORDER: MarkerKind[] = ["region", "couronne", "departement", "territoire"]; // the territory drawn last, on top

/** `row` is the height of one strip (38 on screen; the printed sheet packs them at 30, on a wider drawing). */
export function DistributionStrips(strips: Strip[], {niveau, name, width = 640, row = 38}: {niveau: string; name: string; width?: number; row?: number}): SVGSVGElement {
  const ROW = row;
  const height = LEGEND + strips.length * ROW + 4;
  const left = LABEL;
  const right = width - 4;
  // markers keep 7 px from each end, so a territory at the extreme is drawn whole
  const at = (x: number) => left + 7 + x * (right - left - 14);
  const span = right - left;
  const svg = svgEl("svg", {viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "distribution-strips"});
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.append(
    svgEl("title", {}, `${name} sur la répartition des communes d'Île-de-France, indicateur par indicateur`),
    svgEl("desc", {}, strips.map((s) => s.description).join(" "))
  );
  // Legend: the shapes and what they stand for.
  const present = new Set(strips.flatMap((s) => s.markers.map((m) => m.kind)));
  let lx = 0;
  for (const kind of ["territoire", "departement", "couronne", "region"] as MarkerKind[]) {
    if (!present.has(kind)) continue;
    const label = kind === "territoire" ? name : markerLabel(kind, niveau);
    svg.append(shape(kind, lx + 7, 12), svgEl("text", {x: lx + 17, y: 16, "font-size": 12}, label));
    lx += 30 + label.length * 6.2;
  }
  svg.append(svgEl("text", {x: right, y: 16, "font-size": 11, "text-anchor": "end", fill: "#444"}, "barres grises : nombre de communes"));

  strips.forEach((s, r) => {
    const y0 = LEGEND + r * ROW;
    const base = y0 + ROW - 16;
    const g = svgEl("g", {class: "strip", "data-indicateur": s.id});
    g.append(svgEl("title", {}, s.description));
    const own = s.markers.find((m) => m.kind === "territoire");
    g.append(svgEl("text", {x: 0, y: y0 + ROW / 2 - 3, "font-size": 12.5, "font-weight": 600}, s.label));
    g.append(svgEl("text", {x: 0, y: y0 + ROW - 7, "font-size": 11.5}, `${own ? own.text : s.missing ?? "—"} · besoin ${s.needSide === "droite" ? "→" : "←"}`));
    const max = Math.max(...s.bins, 1);
    const w = (span - 14) / s.bins.length;
    s.bins.forEach((count, b) => {
      if (!count) return;
      // square root: a bin of 400 communes does not flatten one of 4
      const h = Math.max(1.5, (ROW - 20) * Math.sqrt(count / max));
      g.append(svgEl("rect", {x: left + 7 + b * w + 0.5, y: base - h, width: Math.max(1, w - 1), height: h, fill: "#bdbdbd"}));
    });
    g.append(svgEl("line", {x1: left, x2: right, y1: base, y2: base, stroke: "#666", "stroke-width": 1}));
    for (const kind of ORDER) for (const m of s.markers.filter((x) => x.kind === kind)) g.append(shape(kind, at(m.x), base + 7));
    svg.append(g);
  });
  return svg;
}
