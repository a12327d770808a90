// The Arrow file of aid records the Bilan page reads (no objet, address or provenance: the download
// has them). Text is dictionary-encoded — funders, natures, departments, and beneficiaries too, who
// come back year after year — so 16,000 records weigh about what their distinct values weigh.
import {Dictionary, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type DataType} from "apache-arrow";

const dictionary = () => new Dictionary(new Utf8(), new Int32());
const TYPES: Record<string, () => DataType> = {
  financeur: dictionary, annee: () => new Int32(), montant: () => new Float64(), nombre_aides: () => new Int32(), nature: dictionary,
  nom_service_instructeur: dictionary, thematique: dictionary, dispositif_aide: dictionary, nom_beneficiaire: dictionary,
  id_beneficiaire: dictionary, code_arrondissement_siege: dictionary, code_departement: dictionary
};
export const COLONNES_BILAN = Object.keys(TYPES);

export function aidesBilanArrow(data: Record<string, unknown>[]): Uint8Array {
  return tableToIPC(new Table(Object.fromEntries(COLONNES_BILAN.map((name) => [name, vectorFromArray(data.map((r) => r[name] ?? null), TYPES[name]())]))), "file");
}
