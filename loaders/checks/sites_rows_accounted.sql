-- Aucun site ne se perd : pour chaque source de l'offre (France services, SIAE, France Travail, compilation, tiers-lieux), sites publiés + lignes rejetées (table rejets) = lignes du fichier, et aucune ligne n'est à la fois publiée et rejetée.
with sources as (select distinct source from int_sites),
publies as (select source, count(*) as sites from mart_sites group by source),
rejetes as (select source, count(distinct ligne) as lignes_rejetees from mart_rejects group by source),
les_deux as (select m.source, count(*) as n from mart_sites m join mart_rejects r on r.source = m.source and r.ligne = m.ligne group by m.source)
select s.source, l.lignes_source, coalesce(p.sites, 0) as sites, coalesce(r.lignes_rejetees, 0) as lignes_rejetees, coalesce(b.n, 0) as publiees_et_rejetees
from sources s
left join raw_source_rows l using (source)
left join publies p using (source)
left join rejetes r using (source)
left join les_deux b using (source)
where l.lignes_source is null
  or l.lignes_source <> coalesce(p.sites, 0) + coalesce(r.lignes_rejetees, 0)
  or coalesce(b.n, 0) > 0
