import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the journey module's tables (and the views it publishes); only its repository reads or writes them.

/** journey: the citizen's screening answers, kept as their profile (the target group is set by the jobcenter). */
export interface CitizenProfileTable {
  citizen_id: string;
  municipality_code: string;
  digital_readiness: 'low' | 'medium' | 'high' | null;
  job_goal: string | null;
  journey_stage: string | null;
  needs_help: 'no' | 'some' | 'much' | null;
  wants_contact: ColumnType<boolean, boolean | undefined, boolean>;
  wellbeing_concern: ColumnType<boolean, boolean | undefined, boolean>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  target_group: string | null;
  screened_at: Date | null;
  updated_at: UpdatedAt;
}

/** journey: a case for the municipality's caseworkers: a citizen who must be contacted by a date. */
export interface EscalationTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  reasons: string[];
  status: ColumnType<'open' | 'in_progress' | 'closed', 'open' | 'in_progress' | 'closed' | undefined, 'open' | 'in_progress' | 'closed'>;
  contact_by: ColumnType<Date, string, string>;
  assignee_subject: string | null;
  assignee_name: string | null;
  note: string | null;
  created_at: CreatedAt;
  closed_at: Date | null;
}

/** journey: one activity of the citizen's plan. */
export interface PlanActivityTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  source: 'chosen' | 'recommended' | 'assigned';
  listing_id: string | null;
  local_offer_id: string | null;
  title: string;
  status: ColumnType<
    'planned' | 'in_progress' | 'done' | 'dropped',
    'planned' | 'in_progress' | 'done' | 'dropped' | undefined,
    'planned' | 'in_progress' | 'done' | 'dropped'
  >;
  due_on: ColumnType<Date | null, string | null | undefined, string | null>;
  note: string | null;
  created_by: string;
  created_by_name: string;
  /** The recommending or assigning staff member's organisation (migration 0060); null for the citizen's own and older ones. */
  created_by_organisation: ColumnType<string | null, string | null | undefined, string | null>;
  /** Percent done as the vendor's service last reported it (events, migration 0063); null until it reports any. */
  progress: ColumnType<number | null, never, never>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RecommendationDismissalTable {
  citizen_id: string;
  municipality_code: string;
  item_kind: 'listing' | 'local_offer';
  item_id: string;
  dismissed_at: CreatedAt;
}

/** journey: the inputs and outputs of every recommendation run (append-only). */
export interface RecommendationLogTable {
  id: Generated<number>;
  citizen_id: string;
  municipality_code: string;
  rules_version: string;
  inputs: ColumnType<unknown, string, never>;
  outputs: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

/** journey: the caseworker a citizen is assigned to in an organisation (0099). */
export interface CitizenCaseworkerTable {
  organisation_id: string;
  citizen_id: string;
  caseworker_subject: string;
  caseworker_name: string;
  assigned_at: ColumnType<Date, Date | undefined, Date>;
}

/** journey: an assignment or hand-over of a citizen between caseworkers, with its note (0099). */
export interface CitizenCaseworkerChangeTable {
  id: Generated<string>;
  organisation_id: string;
  citizen_id: string;
  from_name: string | null;
  to_name: string | null;
  by_name: string;
  note: string | null;
  changed_at: CreatedAt;
}

/** journey's published read model (migration 0042): a citizen's target group and journey stage. */
export interface CitizenJourneyView {
  citizen_id: string;
  municipality_code: string;
  target_group: string | null;
  journey_stage: string | null;
}

/** journey's published read model (migration 0042): the offers a citizen dismissed. */
export type CitizenDismissalView = Omit<RecommendationDismissalTable, 'dismissed_at'> & { dismissed_at: Date };

/** journey's published read model (migration 0042): a citizen's plan without caseworkers' notes and names. */
export interface CitizenPlanView {
  id: string;
  citizen_id: string;
  municipality_code: string;
  source: PlanActivityTable['source'];
  listing_id: string | null;
  local_offer_id: string | null;
  title: string;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  due_on: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** journey's published read model (migration 0065): when the citizen last answered the screening (the timeline). */
export interface CitizenScreeningView {
  citizen_id: string;
  municipality_code: string;
  screened_at: Date;
  updated_at: Date;
}

/** The tables the journey module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type JourneyTables = {
  citizen_profile: CitizenProfileTable;
  escalation: EscalationTable;
  citizen_caseworker: CitizenCaseworkerTable;
  citizen_caseworker_change: CitizenCaseworkerChangeTable;
  plan_activity: PlanActivityTable;
  recommendation_dismissal: RecommendationDismissalTable;
  recommendation_log: RecommendationLogTable;
  citizen_journey: CitizenJourneyView;
  citizen_dismissal: CitizenDismissalView;
  citizen_plan: CitizenPlanView;
  citizen_screening: CitizenScreeningView;
};
