import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the knowledge module's tables (0096); only its repository reads or writes them.

/** knowledge: an answer in the knowledge base, national (municipality_code null) or a municipality's local one (0096). */
export interface KnowledgeArticleTable {
  id: Generated<string>;
  municipality_code: string | null;
  title_da: string;
  body_da: string;
  title_en: string | null;
  body_en: string | null;
  keywords: Generated<string>;
  published: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string;
  seed_key: string | null;
  search: ColumnType<string, never, never>;
}

/** knowledge: the published articles' words with their Danish stems, per scope ('' national), for typo correction (0096). */
export interface KnowledgeWordTable {
  scope: string;
  word: string;
  stem: string;
}

/** knowledge: how often an article was shown, helped and was shown before a hand-over, per asking municipality (0096). */
export interface KnowledgeArticleUseTable {
  article_id: string;
  municipality_code: string;
  shown: number;
  helped: number;
  handed_over: number;
}

/** knowledge: a question handed over to the jobcenter (no citizen id), for the municipality's content owners (0096). */
export interface KnowledgeHandoverTable {
  id: Generated<string>;
  municipality_code: string;
  thread_id: string;
  question: string;
  article_ids: string[];
  expected_answer_by: Date;
  created_at: Generated<Date>;
}

export interface KnowledgeTables {
  knowledge_article: KnowledgeArticleTable;
  knowledge_word: KnowledgeWordTable;
  knowledge_article_use: KnowledgeArticleUseTable;
  knowledge_handover: KnowledgeHandoverTable;
}
