-- Published: every indicator at every level, with its status (s, ns, nd, so = INSEE secrecy codes;
-- vide = not published; fusion = commune merged since the vintage, not recombinable) and coverage.
select 'commune' as niveau, code_commune as code, indicateur, valeur, statut, methode,
  case when valeur is null then 0.0 else 1.0 end as couverture_population,
  case when valeur is null then 0 else 1 end as n_communes_valeur
from int_indicateurs_communes
union all
-- Paris arrondissements: a finer view of Paris (75056), never added to it.
select 'arrondissement', code_geo, indicateur, valeur, statut, 'publiee',
  case when valeur is null then 0.0 else 1.0 end, case when valeur is null then 0 else 1 end
from int_indicateurs_sources
where code_geo between '75101' and '75120'
union all
select niveau, code, indicateur, valeur, statut, methode, couverture_population, n_communes_valeur
from int_indicateurs_niveaux
union all
-- The localised unemployment rate exists only by zone d'emploi: its latest quarter.
select 'zone_emploi', code_zone_emploi, 'taux_chomage_localise', taux, null, 'publiee', 1.0, null
from stg_chomage_localise_ze
where trimestre = (select max(trimestre) from stg_chomage_localise_ze)
order by niveau, code, indicateur
