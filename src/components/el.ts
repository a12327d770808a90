// A small element builder: properties are assigned (textContent, value, htmlFor…), children are
// appended as nodes or text. Nothing here parses HTML.
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}
