-- Records in each aid file, counted by the loader apart from the mapping (JSON array length, CSV data lines),
-- and what a file declares about itself (Ville de Paris: count and total of its year).
select f.source, f.fichier, f.enregistrements, d.annee as annee_declaree, d.nombre as nombre_declare, d.montant as montant_declare
from raw_aides_fichiers f
left join raw_aides_declare d using (source)
