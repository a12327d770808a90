// Classification for choropleths: quantiles (equal counts) or fixed thresholds (readable, stable
// across years). Returns breaks and French labels; values outside data get no class.
import {quantileSorted} from "d3-array";
import {formatInteger} from "./format.js";

export interface Classes {
  breaks: number[];
  labels: string[];
  classOf: (x: number | null | undefined) => number | null;
}

export function thresholdClasses(breaks: number[], unit = ""): Classes {
  const suffix = unit ? ` ${unit}` : "";
  const labels = [
    `moins de ${formatInteger(breaks[0])}${suffix}`,
    ...breaks.slice(1).map((b, i) => `${formatInteger(breaks[i])} à ${formatInteger(b)}${suffix}`),
    `${formatInteger(breaks[breaks.length - 1])}${suffix} et plus`
  ];
  const classOf = (x: number | null | undefined) => {
    if (x === null || x === undefined || Number.isNaN(x)) return null;
    let i = 0;
    while (i < breaks.length && x >= breaks[i]) i++;
    return i;
  };
  return {breaks, labels, classOf};
}

/** n classes holding about the same number of territories each. */
export function quantileClasses(values: (number | null | undefined)[], n: number, unit = ""): Classes {
  const sorted = values.filter((v): v is number => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  const breaks = Array.from({length: n - 1}, (_, i) => quantileSorted(sorted, (i + 1) / n)!);
  return thresholdClasses(breaks, unit);
}
