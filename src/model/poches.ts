// Poverty pockets inside a commune, from its IRIS rows (src/data/iris.json): how many IRIS, how
// many with a published declared low-income rate, how many at or above the threshold of the
// "poches de pauvreté" indicator (data/indicators.json), and the highest rate. The same count as
// the published indicator (loaders/sql/int_indicateurs_sources.sql), for the portrait's detail.
// Declared income, before taxes and benefits: not comparable with the poverty rate.

/** One IRIS: its code and its declared low-income rate (null when not published: ns, nd, s, so). */
export interface IrisRate {
  code: string;
  taux: number | null;
}

export interface Pockets {
  iris: number;
  publies: number;
  poches: number;
  /** highest published rate, null when none is published */
  max: number | null;
}

export function pocketsOf(rows: IrisRate[], seuil: number): Pockets {
  let publies = 0;
  let poches = 0;
  let max: number | null = null;
  for (const r of rows) {
    if (r.taux === null) continue;
    publies++;
    if (r.taux >= seuil) poches++;
    if (max === null || r.taux > max) max = r.taux;
  }
  return {iris: rows.length, publies, poches, max};
}
