-- Ville de Paris : pour chaque année budgétaire 2013 à 2025, le nombre et le total des subventions lues égalent ceux que le fichier déclare et ceux du pack de données (aides/SOURCES.md), par exemple 2019 : 919 subventions, 255 786 716 €.
with pack(annee, nombre, montant) as (values
  (2013, 670, 210317632), (2014, 609, 230392356), (2015, 691, 243354683), (2016, 824, 243912674),
  (2017, 852, 244531384), (2018, 844, 240287100), (2019, 919, 255786716), (2020, 1000, 258903359),
  (2021, 860, 211930900), (2022, 738, 220657832), (2023, 779, 229592392), (2024, 812, 255413511),
  (2025, 401, 156879787)
),
fichiers as (select source, annee_declaree as annee, nombre_declare, montant_declare from stg_aides_fichiers where source like 'subventions_paris_%'),
lus as (select f.annee, count(*) as nombre, sum(a.montant) as montant from stg_aides a join fichiers f using (source) group by f.annee)
select p.annee, p.nombre as nombre_pack, f.nombre_declare, l.nombre as nombre_lu, p.montant as montant_pack, f.montant_declare, l.montant as montant_lu
from pack p
full join fichiers f using (annee)
full join lus l using (annee)
where p.nombre is distinct from l.nombre or p.nombre is distinct from f.nombre_declare
  or p.montant is distinct from l.montant or p.montant is distinct from f.montant_declare
