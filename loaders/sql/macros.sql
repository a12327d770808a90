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
