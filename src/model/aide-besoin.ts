// Ville de Paris grants per inhabitant by arrondissement of the beneficiary's SEAT, next to the
// arrondissement's need index. The seat is where the beneficiary is registered, not where it acts:
// the comparison says where recipients are based, not where the money is spent.

export interface LigneArrondissement {
  annee: number;
  code: string;
  libelle: string;
  population: number | null;
  nombre_aides: number;
  montant: number;
  montant_par_habitant: number | null;
}

export interface PointAideBesoin {
  code: string;
  libelle: string;
  montant: number;
  aides: number;
  parHabitant: number;
  indice: number | null;
}

export const AVERTISSEMENT_SIEGE =
  "Arrondissement du SIÈGE du bénéficiaire, pas du lieu de l'action : une association siégeant dans le 1er peut agir dans toute la ville. Subventions ≥ 40 000 € seulement.";

/** One point per arrondissement of Paris for the year; the rows for seats outside Paris or not located are returned apart. */
export function aideBesoin(rows: LigneArrondissement[], annee: number, indice: (code: string) => number | null): {points: PointAideBesoin[]; horsArrondissements: LigneArrondissement[]} {
  const year = rows.filter((r) => r.annee === annee);
  return {
    points: year
      .filter((r) => r.population !== null && r.montant_par_habitant !== null)
      .map((r) => ({code: r.code, libelle: r.libelle, montant: r.montant, aides: r.nombre_aides, parHabitant: r.montant_par_habitant!, indice: indice(r.code)})),
    horsArrondissements: year.filter((r) => r.population === null)
  };
}
