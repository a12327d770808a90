-- Published: every source row the build did not load, with the reason (parse problems and rows set aside).
select source, ligne, colonne, valeur, raison from raw_parse_rejects
union all
select source, ligne, colonne, valeur, raison from int_set_aside
order by source, ligne, colonne
