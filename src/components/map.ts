// Interactivity for maps drawn at build time (loaders/svg.ts): recolour without rebuilding paths,
// and tooltips made on demand from the shapes' data-* attributes (text only, never HTML).
export type Shape = SVGPathElement & {dataset: DOMStringMap};

export function shapesOf(svg: SVGSVGElement): Shape[] {
  return Array.from(svg.querySelectorAll<SVGPathElement>("path[data-code]"));
}

export function recolor(shapes: Shape[], fill: (shape: Shape) => string): void {
  for (const shape of shapes) shape.setAttribute("fill", fill(shape));
}

/** Adds a <title> the first time a shape is hovered, so the page does not format 1,266 at load. */
export function lazyTitles(svg: SVGSVGElement, title: (shape: Shape) => string): void {
  svg.addEventListener("pointerover", (event) => {
    const shape = (event.target as Element).closest<SVGPathElement>("path[data-code]");
    if (!shape || shape.querySelector("title")) return;
    const element = document.createElementNS("http://www.w3.org/2000/svg", "title");
    element.textContent = title(shape);
    shape.append(element);
  });
}
