// The Explorer's map: the shapes of one level, drawn once from the projected TopoJSON, with the
// places in the result set apart from the others (two colour-blind-safe tones and a legend).
import {feature} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import {pathData} from "../lib/paths.js";
import {Legend} from "./legend.js";

export const IN_RESULT = "#2166ac";
export const OUT_OF_RESULT = "#e8e8e8";

export interface ExplorerMap {
  element: HTMLElement;
  /** Colours the shapes whose code is in `codes`; returns how many shapes matched. */
  show(object: string | null, codes: Set<string>, label: string): number;
}

export function ExplorerMap(topo: Topology, {width = 946, height = 788} = {}): ExplorerMap {
  const element = document.createElement("figure");
  element.className = "map explorer-map";
  element.dataset.map = "explorateur";
  const holder = document.createElement("div");
  const caption = document.createElement("figcaption");
  const legendSlot = document.createElement("div");
  element.append(holder, legendSlot, caption);
  const svgs = new Map<string, SVGSVGElement>();

  function draw(object: string): SVGSVGElement {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "choropleth");
    svg.setAttribute("role", "img");
    const collection = feature(topo, topo.objects[object] as GeometryCollection);
    for (const f of collection.features) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", pathData(f.geometry));
      path.dataset.code = String(f.id ?? "");
      path.setAttribute("fill", OUT_OF_RESULT);
      svg.append(path);
    }
    return svg;
  }

  return {
    element,
    show(object, codes, label) {
      holder.replaceChildren();
      legendSlot.replaceChildren();
      if (!object || !topo.objects[object]) {
        caption.textContent = "Pas de carte pour ce résultat : il ne contient pas de codes d'un niveau cartographié (colonne code_commune, ou niveau et code). Le tableau donne les lignes.";
        return 0;
      }
      let svg = svgs.get(object);
      if (!svg) svgs.set(object, (svg = draw(object)));
      let matched = 0;
      for (const path of svg.querySelectorAll<SVGPathElement>("path[data-code]")) {
        const inside = codes.has(path.dataset.code!);
        if (inside) matched++;
        path.setAttribute("fill", inside ? IN_RESULT : OUT_OF_RESULT);
      }
      svg.setAttribute("aria-label", `Carte : ${label}. Le tableau ci-dessous donne les mêmes lignes.`);
      holder.append(svg);
      legendSlot.append(Legend([{color: IN_RESULT, label: `dans le résultat (${matched})`}, {color: OUT_OF_RESULT, label: "hors du résultat"}], {title: label}));
      caption.textContent = "Contours projetés (conique conforme), simplifiés ; Paris est une seule commune.";
      return matched;
    }
  };
}
