import type { ColumnType } from 'kysely';

// Typed mirror of the catalogue module's tables (and the views it publishes); only its repository reads or writes them.

/** catalogue: a reference taxonomy (journey stage); the others have the same shape. */
export interface JourneyStageTable {
  code: string;
  name_da: string;
  name_en: string;
  sort: number;
}

/** catalogue: the other reference taxonomies (categories, target groups, languages, data categories). */
export interface TaxonomyTable {
  code: string;
  name_da: string;
  name_en: string;
}

/** catalogue: the words of the live versions' Danish text (lexicon for typo correction), kept by triggers only. */
export interface CatalogueWordTable {
  word: string;
  stem: string;
  documents: number;
}

/** catalogue's published read model (migration 0035): every taxonomy's codes, with the taxonomy they belong to. */
export interface TaxonomyTermView {
  taxonomy: 'stage' | 'category' | 'target_group' | 'language' | 'data_category';
  code: string;
  name_da: string;
  name_en: string;
  active: boolean;
  sort: number;
}

/** The tables the catalogue module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type CatalogueTables = {
  journey_stage: JourneyStageTable;
  service_category: TaxonomyTable;
  target_group: TaxonomyTable & { active: ColumnType<boolean, boolean | undefined, boolean> };
  language: TaxonomyTable;
  data_category: TaxonomyTable;
  catalogue_word: CatalogueWordTable;
  taxonomy_term: TaxonomyTermView;
};
