import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the actor-offers module's tables; only its repository reads or writes them.

/** actor-offers: an a-kasse's or another actor's own offer (a workshop, a course, a meeting) with time, place and a link. */
export interface ActorOfferTable {
  id: Generated<string>;
  organisation_id: string;
  title_da: string;
  title_en: string;
  description_da: string;
  description_en: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  url: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  cancelled_at: Date | null;
}

/** actor-offers: a listing of the national catalogue an a-kasse or another actor recommends to its citizens, with a note. */
export interface ActorRecommendationTable {
  id: Generated<string>;
  organisation_id: string;
  listing_id: string;
  note_da: string | null;
  note_en: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export type ActorOffersTables = {
  actor_offer: ActorOfferTable;
  actor_recommendation: ActorRecommendationTable;
};
