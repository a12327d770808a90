-- Every aid record read from every aid source, loaded or rejected (staged by loaders/aides.ts after
-- the adapters and the common rules): rename and cast only. The arrondissement of the seat becomes
-- its INSEE code (75101–75120).
select id_aide, rejete, id_source, financeur, libelle_financeur, nom_attribuant, id_attribuant, nom_beneficiaire,
  id_beneficiaire, rna_beneficiaire, objet, montant, nature, date_convention, annee, dispositif_aide,
  nom_service_instructeur, thematique, nombre_aides, adresse_siege, code_postal_siege, commune_siege,
  case when arrondissement_siege is not null then code_arrondissement_paris(arrondissement_siege) end as code_arrondissement_siege,
  latitude, longitude, code_departement, code_contrat, source, fichier, ligne, licence, champs_derives
from raw_aides
