-- L'EPT de chaque commune de la Métropole du Grand Paris est le même dans les deux tables (Paris, T1, n'est pas un EPT).
select coalesce(r.code_commune, m.code_commune) as code_commune, r.siren_ept, m.code_groupement
from (select * from stg_communes_reference where siren_ept is not null) r
full join (select * from stg_epci_ept_membership where type_groupement = 'EPT') m using (code_commune)
where r.siren_ept is distinct from m.code_groupement
