-- Aucune ligne ne se perd : pour chaque fichier lu (structures d'accompagnement comprises), lignes chargées + lignes rejetées (table rejets) = lignes de données du fichier.
with rejected as (select source, count(distinct ligne) as lignes_rejetees from raw_parse_rejects group by source),
structures as (select source, count(*) as lignes from stg_structures group by source)
select s.source, s.lignes_source, coalesce(st.lignes, s.lignes_chargees) as lignes_chargees, coalesce(r.lignes_rejetees, 0) as lignes_rejetees
from raw_source_rows s
left join rejected r using (source)
left join structures st using (source) -- the structures are counted where they landed
where s.lignes_source <> coalesce(st.lignes, s.lignes_chargees) + coalesce(r.lignes_rejetees, 0)
