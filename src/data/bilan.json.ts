// The Bilan page's data: every Region aid (SCDL + companion columns), State posts by year, and the
// populations that turn amounts into euros per inhabitant.
import {emit} from "../../loaders/cli.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  return JSON.stringify({
    aides: await rows(db, "select * exclude (date_creation_structure), strftime(date_creation_structure, '%Y-%m-%d') as date_creation_structure from mart_aides"),
    postes: await rows(db, "select annee, dispositif, financeur, code_departement, sum(postes)::int as postes, round(sum(montant), 2) as montant from mart_postes_etat group by all order by all"),
    territoires: await rows(db, "select niveau, code, libelle, population from mart_territoires where niveau in ('region', 'departement', 'couronne', 'bassin', 'ept')")
  });
});
