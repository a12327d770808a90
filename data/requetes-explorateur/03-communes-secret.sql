-- titre: Communes dont le taux de pauvreté est couvert par le secret statistique
-- question: Où les indicateurs manquent-ils, et pour combien d'habitants ? (le secret statistique reste visible)
select nom_departement, count(*) as communes, sum(population) as habitants
from niveau_commune
where taux_pauvrete is null
group by nom_departement
order by communes desc
