-- titre: Lignes des sources écartées au chargement, par source et raison
-- question: Qu'est-ce qui n'a pas été chargé, et pourquoi ? (rien n'est écarté en silence)
select source, raison, count(*) as lignes
from rejets
group by source, raison
order by lignes desc
