-- État : par dispositif et par année 2020 à 2023, les postes lus (chargés ou rejetés) et leur montant égalent ceux du pack de données (supply/SOURCES.md, section 3).
with pack(dispositif, annee, postes, montant) as (values
  ('FONJEP', 2020, 360, 2490385.5), ('FONJEP', 2021, 358, 2534862), ('FONJEP', 2022, 353, 2523519), ('FONJEP', 2023, 348, 2478744),
  ('Adultes-relais', 2020, 948, 18841557), ('Adultes-relais', 2021, 1132, 22721300), ('Adultes-relais', 2022, 1201, 25526054), ('Adultes-relais', 2023, 1178, 26570650)
),
lus as (
  select dispositif_aide as dispositif, annee, count(*) as postes, sum(montant) as montant
  from stg_aides where source = 'postes_politique_ville' group by all
)
select p.dispositif, p.annee, p.postes as postes_pack, l.postes as postes_lus, p.montant as montant_pack, l.montant as montant_lu
from pack p full join lus l using (dispositif, annee)
where p.postes is distinct from l.postes or abs(coalesce(p.montant, -1) - coalesce(l.montant, -2)) > 0.5
