-- Les 20 arrondissements de Paris (75101–75120) ont un contour et une population, et leur somme égale Paris (75056) : on ne les additionne donc jamais à Paris.
select 'arrondissements' as controle, count(*) as n, sum(population) as population, (select population from mart_communes where code_commune = '75056') as paris
from mart_arrondissements_paris
having count(*) <> 20 or sum(population) <> (select population from mart_communes where code_commune = '75056')
  or count(population) <> 20
