-- Demand for the placement optimiser: persons below the poverty line (persons × rate, Filosofi 2021)
-- per commune — Paris by its 20 arrondissements instead of 75056, never both — null where the rate
-- is secret (the page reports those places as unknown, it does not estimate them).
select 'commune' as niveau, code_commune as code,
  case when valeur is not null then round(numerateur, 1) end as personnes_pauvres, statut
from int_indicateurs_communes
where indicateur = 'taux_pauvrete' and code_commune <> '75056' -- Paris is counted by arrondissement below
union all
select 'arrondissement', code_geo, case when valeur is not null then round(numerateur, 1) end, statut
from int_indicateurs_sources
where indicateur = 'taux_pauvrete' and code_geo between '75101' and '75120'
order by code
