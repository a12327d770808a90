// The Bilan page's data: the Region's aid as transcribed (SCDL + companion columns), State posts by
// year, populations for euros per inhabitant; the funders, what each source read / loaded / set
// aside per year, Ville de Paris grants by arrondissement of the seat, and co-funded beneficiaries.
import {emit} from "../../loaders/cli.js";
import {readFinanceurs} from "../../loaders/aides.js";
import {readRegistry} from "../../loaders/registry.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  const registry = readRegistry();
  return JSON.stringify({
    aides: await rows(db, "select * exclude (date_creation_structure), strftime(date_creation_structure, '%Y-%m-%d') as date_creation_structure from mart_aides"),
    postes: await rows(db, "select annee, dispositif, financeur, code_departement, sum(postes)::int as postes, round(sum(montant), 2) as montant from mart_postes_etat group by all order by all"),
    territoires: await rows(db, "select niveau, code, libelle, population from mart_territoires where niveau in ('region', 'departement', 'couronne', 'bassin', 'ept')"),
    // The known funders, then any other funder an SCDL file brought (named as its file names it).
    financeurs: await (async () => {
      const known = readFinanceurs();
      const present = await rows(db, "select distinct financeur as code, libelle_financeur as libelle from mart_aides_harmonisees order by 1");
      return [...known.filter((f) => present.some((p) => p.code === f.code)), ...present.filter((p) => !known.some((f) => f.code === p.code))];
    })(),
    sources: registry.filter((s) => s.aides).map((s) => ({id: s.id, title: s.title, licence: s.licence, vintage: s.vintage, attribution: s.attribution ?? null})),
    lecture: await rows(db, "select * from mart_aides_lecture"),
    arrondissements: await rows(db, "select * from mart_aides_paris_arrondissements order by annee, code"),
    cofinancements: await rows(db, "select * from mart_cofinancements")
  });
});
