-- Chaque valeur publiée l'est à la précision de sa source (data/indicators.json, « decimals ») et chaque couverture à 4 décimales au plus : pas de fausse précision.
select i.niveau, i.code, i.indicateur, i.valeur, i.couverture_population
from mart_indicateurs i
join ref_indicateurs r on r.id = i.indicateur
where i.valeur <> round(i.valeur::double, r.decimals)
  or i.couverture_population <> round(i.couverture_population, 4)
