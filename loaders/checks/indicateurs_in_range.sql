-- Les taux sont compris entre 0 et 100 %, les effectifs sont positifs, les couvertures entre 0 et 1, et les statuts sont des codes connus.
select niveau, code, indicateur, valeur, statut, couverture_population from mart_indicateurs
where (indicateur like 'taux%' or indicateur like 'part%') and (valeur < 0 or valeur > 100)
  or (indicateur = 'poches_pauvrete' and valeur < 0)
  or couverture_population < 0 or couverture_population > 1
  or (statut is not null and statut not in ('s', 'ns', 'nd', 'so', 'vide', 'fusion', 'non_decoupee'))
