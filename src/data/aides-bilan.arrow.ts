// The Bilan page's aid records: every funder's loaded aids, only the columns the page groups and
// shows (the full table, with provenance, is a download), as Arrow IPC for arquero in the browser.
import {Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray} from "apache-arrow";
import {emit} from "../../loaders/cli.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";

const COLUMNS = {
  financeur: new Utf8(), annee: new Int32(), montant: new Float64(), nombre_aides: new Int32(), nature: new Utf8(),
  nom_service_instructeur: new Utf8(), thematique: new Utf8(), dispositif_aide: new Utf8(), nom_beneficiaire: new Utf8(),
  id_beneficiaire: new Utf8(), objet: new Utf8(), code_arrondissement_siege: new Utf8(), code_departement: new Utf8()
};

await emit(async () => {
  const data = await rows(await openWarehouse(), `select ${Object.keys(COLUMNS).join(", ")} from mart_aides_harmonisees order by financeur, annee, montant desc, id_aide`);
  return tableToIPC(new Table(Object.fromEntries(Object.entries(COLUMNS).map(([name, type]) => [name, vectorFromArray(data.map((r) => r[name] ?? null), type)]))), "file");
});
