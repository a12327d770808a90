-- Indicators of every territory above the commune, from the source rows of its communes (so both
-- parts of a merged commune count): ratios as Σ numerators / Σ denominators, other indicators as
-- means weighted by the persons of fiscal households — never an unweighted mean of rates.
with valid as (
  select p.*, a.niveau, a.code from int_indicateurs_parts p
  join int_appartenances a using (code_commune)
  where p.valeur is not null and p.denominateur is not null and p.denominateur > 0
),
aggregated as (
  select v.niveau, v.code, v.indicateur,
    case when any_value(r.aggregation) = 'ratio' then 100 * sum(v.numerateur) / sum(v.denominateur)
         else sum(v.numerateur) / sum(v.denominateur) end as valeur
  from valid v join ref_indicateurs r on r.id = v.indicateur
  group by v.niveau, v.code, v.indicateur
),
covered as (
  -- a commune is covered when every source row placed on it has a value
  select code_commune, indicateur, bool_and(valeur is not null and denominateur is not null) as couverte
  from int_indicateurs_parts group by code_commune, indicateur
),
coverage as (
  select a.niveau, a.code, c.indicateur,
    sum(case when c.couverte then m.population else 0 end) / sum(m.population) as couverture_population,
    count(*) filter (where c.couverte) as n_communes_valeur
  from covered c
  join int_appartenances a using (code_commune)
  join int_communes m using (code_commune)
  group by a.niveau, a.code, c.indicateur
)
select g.niveau, g.code, g.indicateur, round(x.valeur, 2) as valeur,
  case when x.valeur is null then 'nd' end as statut,
  case when r.aggregation = 'ratio' then 'agregee_ratio' else 'agregee_ponderee' end as methode,
  g.couverture_population, g.n_communes_valeur
from coverage g
join ref_indicateurs r on r.id = g.indicateur
left join aggregated x using (niveau, code, indicateur)
