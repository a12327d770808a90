-- La population régionale (somme des communes) égale le total des communes actuelles du COG 2026 publié par l'INSEE, et chaque commune a la même population dans les deux fichiers.
select 'total' as code_commune, (select sum(population) from mart_communes) as reference, (select sum(population) from stg_communes_population_2026 where type = 'commune-actuelle') as cog_2026
where (select sum(population) from mart_communes) <> (select sum(population) from stg_communes_population_2026 where type = 'commune-actuelle')
union all
select c.code_commune, c.population, p.population
from mart_communes c
left join (select * from stg_communes_population_2026 where type = 'commune-actuelle') p on p.code = c.code_commune
where p.population is distinct from c.population
