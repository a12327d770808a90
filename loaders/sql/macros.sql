-- Functions the models share, created before the models run (loaders/warehouse.ts runModels).

-- A commune name as sources write it, reduced to what identifies it: upper case, no accents
-- (œ/æ spelt out), every run of non-alphanumeric characters (hyphen, apostrophe, slash) one space,
-- the abbreviations ST/STE written out, a trailing "CEDEX" (with its number) removed — La Poste's
-- routing word, never part of a commune's name. "L'Haÿ-les-Roses" and "L HAY LES ROSES" meet;
-- "ST MAURICE" and "Saint-Maurice" meet; "HERBLAY" and "Herblay-sur-Seine" do not (that is a
-- former name, matched through data/communes-anciens-noms.csv, not by similarity).
create or replace macro nom_normalise(t) as
  regexp_replace(
    array_to_string(
      list_transform(
        string_split(trim(regexp_replace(upper(strip_accents(replace(replace(replace(replace(t, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'))), '[^A-Z0-9]+', ' ', 'g')), ' '),
        lambda w: case w when 'ST' then 'SAINT' when 'STE' then 'SAINTE' else w end
      ),
      ' '
    ),
    ' CEDEX( [0-9]+)?$', ''
  );

-- Paris (COG): one commune, 75056, divided into 20 arrondissements municipaux with codes of their
-- own, 75101–75120 (the pack's stg_paris_arrondissements lists them). A figure is given for the
-- commune or for its arrondissements, never both summed. The models name them through these
-- macros only: no Paris code is written elsewhere (test/sql-paris-codes.test.ts). Macros, not a
-- join on stg_paris_arrondissements: the models' tests build a few tables of fixtures, not all.
create or replace macro code_paris() as '75056';
create or replace macro est_arrondissement_paris(code) as code between '75101' and '75120';
-- The arrondissement a Paris postcode names: 750NN is the NNth, and 75116 (La Poste's second code
-- of the 16th) the 16th; null for any other postcode. A postcode is not a COG code.
create or replace macro numero_arrondissement_postal(code_postal) as
  case when code_postal = '75116' then 16 when code_postal between '75001' and '75020' then right(code_postal, 2)::integer end;
-- The COG code of the Nth arrondissement (1 → 75101), for sources that write only its number.
create or replace macro code_arrondissement_paris(n) as '751' || lpad(n::varchar, 2, '0');
