// The Bilan page's aid records: every funder's loaded aids, only the columns the page groups and
// shows (the full table, with provenance, is a download), as Arrow IPC for arquero in the browser.
import {emit} from "../../loaders/cli.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";
import {aidesBilanArrow, COLONNES_BILAN} from "../../loaders/aides-bilan.js";

await emit(async () => aidesBilanArrow(await rows(await openWarehouse(), `select ${COLONNES_BILAN.join(", ")} from mart_aides_harmonisees order by financeur, annee, montant desc, id_aide`)));
