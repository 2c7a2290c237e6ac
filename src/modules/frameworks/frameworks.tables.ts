import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the frameworks module's tables (and the views it publishes); only its repository reads or writes them.

export type FrameworkVersionStatus = 'draft' | 'published' | 'retired';

export type AnswerType = 'yes_no' | 'text' | 'url' | 'email' | 'nsis_level';

export type Obligation = 'must' | 'may';

export type CheckCode = 'https_url' | 'email' | 'accessibility_statement' | 'nsis_level';

/** frameworks: a framework agreement (rammeaftale); its requirements live in versions. */
export interface FrameworkAgreementTable {
  id: Generated<string>;
  code: string;
  title_da: string;
  title_en: string;
  created_at: CreatedAt;
}

/** frameworks: one version of an agreement: draft → published (the current one) → retired. */
export interface FrameworkVersionTable {
  id: Generated<string>;
  agreement_id: string;
  version: number;
  status: ColumnType<FrameworkVersionStatus, 'draft' | undefined, FrameworkVersionStatus>;
  created_by: string;
  created_at: CreatedAt;
  published_at: Date | null;
  published_by: string | null;
  retired_at: Date | null;
}

/** frameworks: one requirement of a version; the content hash is computed by the database. */
export interface FrameworkRequirementTable {
  version_id: string;
  key: string;
  position: number;
  text_da: string;
  text_en: string;
  help_da: string | null;
  help_en: string | null;
  answer_type: AnswerType;
  obligation: Obligation;
  check_code: CheckCode | null;
  content_hash: ColumnType<string, never, never>;
}

/** frameworks: a vendor's declaration against one framework version. */
export interface VendorDeclarationTable {
  id: Generated<string>;
  vendor_id: string;
  framework_version_id: string;
  status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined, 'draft' | 'submitted'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  submitted_at: Date | null;
  submitted_by: string | null;
}

/** frameworks: the answer to one requirement in a declaration, possibly carried over from an earlier version. */
export interface DeclarationAnswerTable {
  declaration_id: string;
  framework_version_id: string;
  requirement_key: string;
  value: string;
  answered_by: string;
  answered_at: ColumnType<Date, Date | undefined, Date>;
  carried_over_from_version: number | null;
}

/** The tables the frameworks module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type FrameworksTables = {
  framework_agreement: FrameworkAgreementTable;
  framework_version: FrameworkVersionTable;
  framework_requirement: FrameworkRequirementTable;
  vendor_declaration: VendorDeclarationTable;
  declaration_answer: DeclarationAnswerTable;
};
