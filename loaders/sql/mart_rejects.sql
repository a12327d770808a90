-- Published: every source row the build did not load, with the reason (parse problems, rows set aside, aid records rejected).
select source, ligne, colonne, valeur, raison from raw_parse_rejects
union all
select source, ligne, colonne, valeur, raison from int_set_aside
union all
select source, ligne, colonne, valeur, raison from stg_aides_problemes
order by source, ligne, colonne
