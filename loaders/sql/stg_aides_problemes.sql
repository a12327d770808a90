-- Why each rejected aid record was rejected: one row per problem, in the source's own column names.
select id_aide, source, ligne, colonne, valeur, raison from raw_aides_problemes
