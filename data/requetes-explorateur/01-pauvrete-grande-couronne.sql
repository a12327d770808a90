-- titre: Communes de grande couronne de plus de 10 000 habitants dans le quintile de pauvreté le plus élevé
-- question: Où les besoins sont-ils les plus forts hors de Paris et de la petite couronne ? (rapport, partie « détecter les besoins sociaux non couverts »)
with q as (
  select *, ceil(5 * cume_dist() over (order by taux_pauvrete))::int as quintile_pauvrete
  from niveau_commune
  where taux_pauvrete is not null -- sans valeur (secret statistique) : hors du classement
)
select code_commune, nom_commune, nom_departement, population, taux_pauvrete, quintile_pauvrete
from q
where quintile_pauvrete = 5 and code_couronne = 'grande_couronne' and population > 10000
order by taux_pauvrete desc
