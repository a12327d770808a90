-- Les aides 2019 de la Région transcrites du rapport totalisent 1 080 000 € pour 11 projets, comme le rapport l'indique, et chaque aide a sa ligne complémentaire.
select sum(montant) as montant, sum(nombre_aides) as aides, count(*) filter (where champ_action is null) as sans_complement
from mart_aides where source = 'aides_region_2019_rapport' and annee = 2019
having sum(montant) <> 1080000 or sum(nombre_aides) <> 11 or count(*) filter (where champ_action is null) > 0
