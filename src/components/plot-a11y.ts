// Observable Plot labels its mark groups with aria-label on plain <g> elements, which ARIA does not
// allow without a role (axe: aria-prohibited-attr). Giving them role="group" keeps the labels valid.
export function accessiblePlot<T extends Element>(chart: T): T {
  for (const g of chart.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
  return chart;
}
