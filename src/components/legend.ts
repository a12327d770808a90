// A classed legend as plain HTML: a swatch and a text label per class.
export interface LegendItem {
  color: string;
  label: string;
}

export function Legend(items: LegendItem[], {title}: {title: string}): HTMLElement {
  const root = document.createElement("figure");
  root.className = "legend";
  const caption = document.createElement("figcaption");
  caption.textContent = title;
  const list = document.createElement("ul");
  for (const item of items) {
    const entry = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = item.color;
    entry.append(swatch, document.createTextNode(item.label));
    list.append(entry);
  }
  root.append(caption, list);
  return root;
}
