-- À chaque niveau (couronne, département, EPCI, EPT + Paris, zone d'emploi, bassin), la somme des territoires égale la somme des communes qu'ils couvrent.
select niveau, sum(population) as population_niveau, (select sum(population) from mart_communes) as population_communes
from mart_territoires
where niveau <> 'ept' -- EPT cover only the Métropole du Grand Paris, checked below
group by niveau
having sum(population) <> (select sum(population) from mart_communes)
union all
select 'ept', sum(population), (select sum(population) from mart_communes where code_ept is not null)
from mart_territoires where niveau = 'ept'
having sum(population) <> (select sum(population) from mart_communes where code_ept is not null)
