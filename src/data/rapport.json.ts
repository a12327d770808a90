// The annual report's aid records, one shape for every funder: the Region's aids as transcribed,
// and the State's posts grouped by employer, dispositif and département (the employer is the
// beneficiary of a post) — with the funders as data/aides/financeurs.json names them.
import {readFileSync} from "node:fs";
import {emit} from "../../loaders/cli.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  const {financeurs} = JSON.parse(readFileSync(new URL("../../data/aides/financeurs.json", import.meta.url), "utf8"));
  return JSON.stringify({
    financeurs,
    aides: [
      ...(await rows(db, "select 'region_idf' as financeur, annee, montant, nombre_aides, nom_beneficiaire, dispositif, code_departement from mart_aides order by cle")),
      ...(await rows(db, `select 'etat_politique_ville' as financeur, annee, round(sum(montant), 2) as montant, count(*)::int as nombre_aides,
          raison_sociale as nom_beneficiaire, dispositif, code_departement
        from stg_postes_politique_ville group by all order by annee, raison_sociale, dispositif, code_departement`))
    ]
  });
});
