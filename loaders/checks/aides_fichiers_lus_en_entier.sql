-- Aides : chaque fichier d'aides est lu en entier (autant d'enregistrements dans l'entrepôt, chargés ou rejetés, que le chargeur en compte dans le fichier).
with lus as (select source, count(*) as n from stg_aides group by source)
select f.source, f.enregistrements, coalesce(l.n, 0) as dans_entrepot
from (select distinct source, enregistrements from stg_aides_fichiers) f
left join lus l using (source)
where coalesce(l.n, 0) <> f.enregistrements
