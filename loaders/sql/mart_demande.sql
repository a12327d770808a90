-- Demand for the placement optimiser, per commune — Paris by its 20 arrondissements instead of
-- 75056, never both — in two counts the page offers as a choice (src/model/placement-demand.ts):
--  * personnes_pauvres: persons below the poverty line (persons × rate, Filosofi 2021), null where
--    the rate is secret (the page reports those places as unknown, it does not estimate them);
--  * chomeurs_15_64: unemployed aged 15-64 (census 2018), published for every commune; a merged
--    commune gets the sum of its former communes (counts add up).
-- Each place carries the territories of its commune: an arrondissement those of Paris, its commune
-- in the COG (paris_arrondissements_population.commune), so no territory of Paris is written down twice.
with valeurs as (
  select 'commune' as niveau, code_commune as code, code_commune, indicateur, valeur, numerateur, statut
  from int_indicateurs_communes
  where indicateur in ('taux_pauvrete', 'taux_chomage_rp')
    and code_commune not in (select code_commune from stg_paris_arrondissements_population) -- Paris is counted by arrondissement below
  union all
  select 'arrondissement', s.code_geo, a.code_commune, s.indicateur, s.valeur, s.numerateur, s.statut
  from int_indicateurs_sources s
  join stg_paris_arrondissements_population a on a.code_arrondissement = s.code_geo
  where s.indicateur in ('taux_pauvrete', 'taux_chomage_rp')
),
places as (
  select niveau, code, code_commune,
    any_value(case when valeur is not null then round(numerateur, 1) end) filter (where indicateur = 'taux_pauvrete') as personnes_pauvres,
    any_value(statut) filter (where indicateur = 'taux_pauvrete') as statut,
    any_value(case when valeur is not null then round(numerateur, 1) end) filter (where indicateur = 'taux_chomage_rp') as chomeurs_15_64,
    any_value(statut) filter (where indicateur = 'taux_chomage_rp') as chomeurs_statut
  from valeurs
  group by niveau, code, code_commune
)
select p.niveau, p.code, p.code_commune, c.code_departement, c.code_couronne, c.code_bassin,
  p.personnes_pauvres, p.statut, p.chomeurs_15_64, p.chomeurs_statut
from places p
join mart_communes c using (code_commune)
order by p.code
