-- Read by the territory sheet (/fiche): for every EPT, EPCI, zone d'emploi, bassin and département
-- and every family of the supply, the sites that receive the public located in it, and the share of
-- its population and of its unemployed 15-64 living in a place (a commune; Paris by arrondissement,
-- as the Implantation page counts them) with a site of the family within 5 km
-- (mart_distances_familles). A commune's sheet reads mart_distances_familles directly.
with lieux as (
  select d.niveau, d.code, d.code_commune, d.chomeurs_15_64 as chomeurs,
    coalesce(c.population, a.population) as population
  from mart_demande d
  left join mart_communes c on d.niveau = 'commune' and c.code_commune = d.code
  left join mart_arrondissements_paris a on d.niveau = 'arrondissement' and a.code_arrondissement = d.code
),
appartenances as (
  select 'ept' as niveau, code_ept as code, code_commune from mart_communes where code_ept is not null -- communes outside the Métropole have no EPT
  union all select 'epci', code_epci, code_commune from mart_communes
  union all select 'zone_emploi', code_zone_emploi, code_commune from mart_communes
  union all select 'bassin', code_bassin, code_commune from mart_communes
  union all select 'departement', code_departement, code_commune from mart_communes
),
portee as (
  select t.niveau, t.code, f.famille,
    sum(l.population) as population,
    sum(l.population) filter (where f.a_moins_de_5_km = 'oui') as population_a_5_km,
    sum(l.chomeurs) as chomeurs,
    sum(l.chomeurs) filter (where f.a_moins_de_5_km = 'oui') as chomeurs_a_5_km
  from appartenances t
  join lieux l on l.code_commune = t.code_commune
  join mart_distances_familles f on f.niveau = l.niveau and f.code = l.code
  group by t.niveau, t.code, f.famille
),
implantes as (
  select t.niveau, t.code, s.famille, count(distinct s.source || ':' || s.id_site) as sites
  from appartenances t
  join int_sites s on s.code_commune = t.code_commune
  where s.raison_rejet is null and s.compte_distances -- the sites the distances count: they receive the public
  group by t.niveau, t.code, s.famille
)
select p.niveau, p.code, p.famille,
  coalesce(i.sites, 0) as sites,
  round(coalesce(p.population_a_5_km, 0) / p.population, 4) as part_population_a_5_km,
  round(coalesce(p.chomeurs_a_5_km, 0) / p.chomeurs, 4) as part_chomeurs_a_5_km
from portee p
left join implantes i using (niveau, code, famille)
join ref_familles r on r.famille = p.famille
order by p.niveau, p.code, r.ordre
