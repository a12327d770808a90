-- Former names of Île-de-France communes (renamings and merged communes), data/communes-anciens-noms.csv.
select _line, ancien_nom, code_ancien, code_commune, evenement, date_effet, source from raw_communes_anciens_noms
