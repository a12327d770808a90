-- Published: one row per loaded aid, every funder (Région, État, Ville de Paris, any SCDL file),
-- SCDL field names where SCDL has the field, with funder, provenance (source, file, line, derived
-- fields) and licence on every row. Funders are never summed: filter on financeur before adding.
select id_aide, financeur, libelle_financeur, annee, nom_attribuant, id_attribuant, nom_beneficiaire, id_beneficiaire,
  left(id_beneficiaire, 9) as siren_beneficiaire, rna_beneficiaire, objet, montant, nombre_aides, nature, date_convention,
  dispositif_aide, nom_service_instructeur, thematique, adresse_siege, code_postal_siege, commune_siege,
  code_arrondissement_siege, nom_arrondissement_siege, latitude, longitude, code_departement, code_contrat,
  id_source, source, fichier, ligne, licence, champs_derives
from int_aides
order by financeur, annee, source, ligne
