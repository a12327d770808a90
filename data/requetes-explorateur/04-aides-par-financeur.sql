-- titre: Aides à l'innovation sociale par financeur et par année
-- question: Combien chaque financeur a-t-il attribué, et à combien de projets ? (bilan des aides ; les financeurs ne sont jamais additionnés entre eux)
select financeur, annee, count(*) as lignes, sum(nombre_aides) as aides, sum(montant) as montant_euros
from aides
group by financeur, annee
order by financeur, annee
