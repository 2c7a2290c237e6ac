import type { Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the site module's tables (and the views it publishes); only its repository reads or writes them.

/** site: reports of accessibility problems, the feedback channel the accessibility statement must offer. */
export interface AccessibilityFeedbackTable {
  id: Generated<string>;
  reference: string;
  page_url: string | null;
  description: string;
  name: string | null;
  email: string | null;
  locale: string;
  created_at: CreatedAt;
}

/** The tables the site module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type SiteTables = {
  accessibility_feedback: AccessibilityFeedbackTable;
};
