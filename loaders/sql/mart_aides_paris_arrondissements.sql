-- Published: Ville de Paris grants (≥ 40,000 € only) by year and arrondissement of the beneficiary's
-- registered SEAT, per inhabitant (population 2023 for every year). A seat is not where the action
-- happens. Grants whose seat is outside Paris or not located have their own rows, so that the rows
-- of a year add up to the city's loaded total.
with annees as (select distinct annee from int_aides where financeur = 'ville_paris'),
lieux as (
  select code_arrondissement as code, nom_arrondissement as libelle, population from stg_paris_arrondissements_population
  union all select 'hors_paris', 'Siège hors de Paris', null
  union all select 'non_localise', 'Siège non localisé', null
),
aides as (
  select annee,
    case when code_arrondissement_siege is not null then code_arrondissement_siege
         when code_postal_siege is not null then 'hors_paris' -- a postal code outside 75 (the carrier found no arrondissement)
         else 'non_localise' end as code,
    montant
  from int_aides where financeur = 'ville_paris'
)
select a.annee, l.code, l.libelle, l.population,
  count(x.montant)::integer as nombre_aides,
  coalesce(sum(x.montant), 0) as montant,
  case when l.population is not null then round(coalesce(sum(x.montant), 0) / l.population, 2) end as montant_par_habitant
from annees a
cross join lieux l
left join aides x on x.annee = a.annee and x.code = l.code
group by a.annee, l.code, l.libelle, l.population
order by a.annee, l.code
