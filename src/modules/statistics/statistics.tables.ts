// Typed mirror of the statistics module's tables (0079); only its repository reads them, and only the database
// function statistics_refresh writes them.

/** statistics: distinct citizens with activity per month × municipality × journey stage × target group (0079). */
export interface StatisticsMunicipalityMonthTable {
  /** The month's first day; read it as text (to_char), not as a Date. */
  month: Date;
  municipality_code: string;
  /** A journey stage's code, or 'unknown'. */
  journey_stage: string;
  /** A target group's code, or 'unknown'. */
  target_group: string;
  citizens: number;
}

/** statistics: distinct citizens with events from a vendor's services per month (0079). */
export interface StatisticsVendorMonthTable {
  month: Date;
  vendor_id: string;
  citizens: number;
}

/** statistics: how far the rollups have folded events in (one row, 0079). */
export interface StatisticsRefreshStateTable {
  id: boolean;
  received_watermark: Date | null;
  refreshed_at: Date | null;
  /** Up to when the daily rollups have looked for changes (0080). */
  day_watermark: Date | null;
}

/** statistics: the funnel's counts per municipality × day × listing × target group × journey stage (0080). */
export interface StatisticsListingDayTable {
  municipality_code: string;
  /** A Copenhagen calendar day; read it as text (to_char), not as a Date. */
  day: Date;
  listing_id: string;
  target_group: string;
  journey_stage: string;
  launches: number;
  starts: number;
  completions: number;
  drops: number;
  events: number;
  ratings: number;
  rating_stars: number;
  dismissals: number;
  /** On a marketplace page a citizen saw (0086). */
  shown: number;
  /** Its own page opened in the marketplace (0086). */
  viewed: number;
}

/** statistics: the citizens active (an event or a launch) per municipality and day (0080). */
export interface StatisticsCitizenDayTable {
  municipality_code: string;
  day: Date;
  citizen_id: string;
}

/** statistics: screenings, escalations and local offer sign-ups per municipality and day (0080). */
export interface StatisticsMunicipalityDayTable {
  municipality_code: string;
  day: Date;
  screenings: number;
  escalations: number;
  escalations_closed: number;
  sign_ups: number;
  sign_ups_cancelled: number;
  /** Marketplace searches, and those that found nothing (0086). */
  searches: number;
  searches_without_results: number;
  /** Sign-ups recorded as came / did not come, on the offer's day (0086). */
  attended: number;
  not_attended: number;
}

/** statistics: the funnel's counts per municipality × month × listing × target group × journey stage (0082). */
export interface StatisticsListingMonthTable extends Omit<StatisticsListingDayTable, 'day'> {
  /** The month's first day; read it as text (to_char), not as a Date. */
  month: Date;
}

/** statistics: the citizens active per municipality and month (0082). */
export interface StatisticsCitizenMonthTable {
  municipality_code: string;
  month: Date;
  citizen_id: string;
}

/** statistics: distinct active citizens per municipality and week, Monday first (0082). */
export interface StatisticsReachWeekTable {
  municipality_code: string;
  week: Date;
  citizens: number;
}

/** statistics: the words citizens searched the marketplace for, per municipality × day (0086). */
export interface StatisticsSearchDayTable {
  municipality_code: string;
  day: Date;
  term: string;
  searches: number;
  without_results: number;
}

/** statistics: the same per municipality × month (0086). */
export interface StatisticsSearchMonthTable extends Omit<StatisticsSearchDayTable, 'day'> {
  month: Date;
}

/** statistics: the funnel per municipality × day × listing, summed over target groups and stages (0087). */
export type StatisticsListingTotalDayTable = Omit<StatisticsListingDayTable, 'target_group' | 'journey_stage'>;

/** statistics: the same per municipality × month × listing (0087). */
export type StatisticsListingTotalMonthTable = Omit<StatisticsListingMonthTable, 'target_group' | 'journey_stage'>;

/** The tables the statistics module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type StatisticsTables = {
  statistics_municipality_month: StatisticsMunicipalityMonthTable;
  statistics_vendor_month: StatisticsVendorMonthTable;
  statistics_refresh_state: StatisticsRefreshStateTable;
  statistics_listing_day: StatisticsListingDayTable;
  statistics_citizen_day: StatisticsCitizenDayTable;
  statistics_municipality_day: StatisticsMunicipalityDayTable;
  statistics_listing_month: StatisticsListingMonthTable;
  statistics_citizen_month: StatisticsCitizenMonthTable;
  statistics_reach_week: StatisticsReachWeekTable;
  statistics_search_day: StatisticsSearchDayTable;
  statistics_search_month: StatisticsSearchMonthTable;
  statistics_listing_total_day: StatisticsListingTotalDayTable;
  statistics_listing_total_month: StatisticsListingTotalMonthTable;
};
