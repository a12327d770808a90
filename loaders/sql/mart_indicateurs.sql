-- Published: every indicator at every level, with its status (s, ns, nd, so = INSEE secrecy codes;
-- vide = not published; fusion = commune merged since the vintage, not recombinable) and coverage.
-- Values are published at their source's precision (data/indicators.json "decimals"): a rate
-- recombined or aggregated from rates given to 1 decimal is not known to 14. Coverage is truncated
-- to 4 decimals, so that 1 always means complete.
with indicateurs as (
  select 'commune' as niveau, code_commune as code, indicateur, valeur, statut, methode,
    case when valeur is null then 0.0 else 1.0 end as couverture_population,
    case when valeur is null then 0 else 1 end as n_communes_valeur
  from int_indicateurs_communes
  union all
  -- Paris arrondissements: a finer view of Paris (75056), never added to it.
  select 'arrondissement', code_geo, indicateur, valeur, statut, 'publiee',
    case when valeur is null then 0.0 else 1.0 end, case when valeur is null then 0 else 1 end
  from int_indicateurs_sources
  where est_arrondissement_paris(code_geo)
  union all
  select niveau, code, indicateur, valeur, statut, methode, couverture_population, n_communes_valeur
  from int_indicateurs_niveaux
  union all
  -- The localised unemployment rate exists only by zone d'emploi: its latest quarter.
  select 'zone_emploi', code_zone_emploi, 'taux_chomage_localise', taux, null, 'publiee', 1.0, null
  from stg_chomage_localise_ze
  where trimestre = (select max(trimestre) from stg_chomage_localise_ze)
)
select i.niveau, i.code, i.indicateur, round(i.valeur::double, r.decimals) as valeur, i.statut, i.methode,
  floor(i.couverture_population * 10000) / 10000 as couverture_population, i.n_communes_valeur
from indicateurs i
join ref_indicateurs r on r.id = i.indicateur
order by i.niveau, i.code, i.indicateur
