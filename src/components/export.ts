// Exports of the current view: a file download, and an SVG map rasterised to PNG in the browser.
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Inlines the computed styles the SVG needs outside the page (strokes), then draws it on a canvas. */
export async function svgToPng(svg: SVGSVGElement, width: number): Promise<Blob> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const [, , w, h] = (svg.getAttribute("viewBox") ?? "0 0 960 820").split(/\s+/).map(Number);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(Math.round((width * h) / w)));
  for (const p of clone.querySelectorAll("path[data-code]")) p.setAttribute("stroke", "#fff"), p.setAttribute("stroke-width", "0.3");
  for (const p of clone.querySelectorAll("path.borders")) p.setAttribute("fill", "none"), p.setAttribute("stroke", "#222"), p.setAttribute("stroke-width", "1.1");
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.round((width * h) / w);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
