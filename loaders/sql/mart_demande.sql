-- Demand for the placement optimiser: persons below the poverty line (persons × rate, Filosofi 2021)
-- per commune — Paris by its 20 arrondissements instead of 75056, never both — null where the rate
-- is secret (the page reports those places as unknown, it does not estimate them). Each place
-- carries the territories of its commune: an arrondissement those of Paris, its commune in the COG
-- (paris_arrondissements_population.commune), so no territory of Paris is written down twice.
select 'commune' as niveau, i.code_commune as code, i.code_commune,
  c.code_departement, c.code_couronne, c.code_bassin,
  case when i.valeur is not null then round(i.numerateur, 1) end as personnes_pauvres, i.statut
from int_indicateurs_communes i
join mart_communes c using (code_commune)
where i.indicateur = 'taux_pauvrete'
  and i.code_commune not in (select code_commune from stg_paris_arrondissements_population) -- Paris is counted by arrondissement below
union all
select 'arrondissement', s.code_geo, a.code_commune,
  c.code_departement, c.code_couronne, c.code_bassin,
  case when s.valeur is not null then round(s.numerateur, 1) end, s.statut
from int_indicateurs_sources s
join stg_paris_arrondissements_population a on a.code_arrondissement = s.code_geo
join mart_communes c on c.code_commune = a.code_commune
where s.indicateur = 'taux_pauvrete'
order by code
