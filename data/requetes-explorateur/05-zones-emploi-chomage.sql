-- titre: Les zones d'emploi au chômage localisé le plus élevé, dernier trimestre publié
-- question: Où le chômage pèse-t-il le plus ? (rapport, insertion et emploi)
select code_zone_emploi, nom_zone_emploi, trimestre, taux
from chomage_zones_emploi
where trimestre = (select max(trimestre) from chomage_zones_emploi)
order by taux desc
