// Interactivity for maps drawn at build time (loaders/svg.ts): recolour without rebuilding paths,
// and tooltips made on demand from the shapes' data-* attributes (text only, never HTML).
export type Shape = SVGPathElement & {dataset: DOMStringMap};

export function shapesOf(svg: SVGSVGElement): Shape[] {
  return Array.from(svg.querySelectorAll<SVGPathElement>("path[data-code]"));
}

export function recolor(shapes: Shape[], fill: (shape: Shape) => string): void {
  for (const shape of shapes) shape.setAttribute("fill", fill(shape));
}

// The current title function of each map. One listener per map, installed once: a page cell that
// re-runs (new indicator, new weights) replaces the function instead of adding a listener, and the
// titles written for the previous view are dropped, so hovering never shows stale values.
const titleFunctions = new WeakMap<SVGSVGElement, (shape: Shape) => string>();

/**
 * Gives each shape a <title> the first time it is hovered, so the page does not format 1,266 at
 * load. Calling it again on the same map replaces the titles: the next hover shows the new ones.
 */
export function lazyTitles(svg: SVGSVGElement, title: (shape: Shape) => string): void {
  if (!titleFunctions.has(svg)) {
    svg.addEventListener("pointerover", (event) => {
      const shape = (event.target as Element).closest<SVGPathElement>("path[data-code]");
      if (!shape || shape.querySelector("title")) return;
      const element = document.createElementNS("http://www.w3.org/2000/svg", "title");
      element.textContent = titleFunctions.get(svg)!(shape);
      shape.append(element);
    });
  }
  titleFunctions.set(svg, title);
  for (const old of svg.querySelectorAll("path[data-code] > title")) old.remove();
}
