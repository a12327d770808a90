-- Indicators of every territory above the commune, from the values its COG 2026 communes show at
-- commune level (int_indicateurs_communes): ratios as Σ numerators / Σ denominators, counts
-- (aggregation 'somme', e.g. poverty pockets) as sums, other indicators as means weighted by the
-- persons of fiscal households — never an unweighted mean of rates. One rule for every missing
-- value: a commune without a value — secret, not published, or merged since the vintage and not
-- recombinable (statut fusion, e.g. Saint-Denis' median: old Saint-Denis and Pierrefitte are not
-- counted as two communes) — is left out, and the coverage says how much of the population is missing. A territory never aggregates a value its communes do not show.
with communes as (
  select c.code_commune, c.indicateur, c.numerateur, c.denominateur,
    coalesce(c.valeur is not null and c.denominateur > 0, false) as comptee
  from int_indicateurs_communes c
),
aggregated as (
  select a.niveau, a.code, c.indicateur,
    case when any_value(r.aggregation) = 'ratio' then 100 * sum(c.numerateur) / sum(c.denominateur)
         when any_value(r.aggregation) = 'somme' then sum(c.numerateur) -- counts add up
         else sum(c.numerateur) / sum(c.denominateur) end as valeur
  from communes c
  join int_appartenances a using (code_commune)
  join ref_indicateurs r on r.id = c.indicateur
  where c.comptee
  group by a.niveau, a.code, c.indicateur
),
coverage as (
  select a.niveau, a.code, c.indicateur,
    sum(case when c.comptee then m.population else 0 end) / sum(m.population) as couverture_population,
    count(*) filter (where c.comptee) as n_communes_valeur
  from communes c
  join int_appartenances a using (code_commune)
  join int_communes m using (code_commune)
  group by a.niveau, a.code, c.indicateur
)
select g.niveau, g.code, g.indicateur, x.valeur,
  case when x.valeur is null then 'nd' end as statut,
  case r.aggregation when 'ratio' then 'agregee_ratio' when 'somme' then 'agregee_somme' else 'agregee_ponderee' end as methode,
  g.couverture_population, g.n_communes_valeur
from coverage g
join ref_indicateurs r on r.id = g.indicateur
left join aggregated x using (niveau, code, indicateur)
