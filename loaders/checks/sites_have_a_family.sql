-- Chaque site publié a un type connu de data/offre.json, donc une famille : un type nouveau dans une source doit y être déclaré.
select source, ligne, type from mart_sites where famille is null
