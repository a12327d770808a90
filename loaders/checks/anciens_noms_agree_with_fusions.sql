-- La table des anciens noms (data/communes-anciens-noms.csv) et les fusions du fond communal (codes_2018_fusionnes) donnent le même successeur à chaque code absorbé depuis 2019, et chacune connaît tous les codes de l'autre.
with anciens as (select code_ancien, code_commune from stg_communes_anciens_noms where code_ancien <> code_commune)
select coalesce(a.code_ancien, f.code_ancien) as code_ancien, a.code_commune as selon_anciens_noms, f.code_nouveau as selon_fond_communal
from anciens a
full join (select code_ancien, code_nouveau from int_fusions where code_ancien not in (select code_commune from stg_communes_reference)) f using (code_ancien)
where a.code_commune is distinct from f.code_nouveau
