-- La demande de l'optimiseur compte Paris une seule fois (par ses 20 arrondissements, sans 75056) et couvre chaque commune.
select count(*) filter (where code = '75056') as paris_entier, count(*) filter (where niveau = 'arrondissement') as arrondissements, count(*) as lignes
from mart_demande
having count(*) filter (where code = '75056') <> 0 or count(*) filter (where niveau = 'arrondissement') <> 20 or count(*) <> 1285
