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
}

/** The tables the statistics module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type StatisticsTables = {
  statistics_municipality_month: StatisticsMunicipalityMonthTable;
  statistics_vendor_month: StatisticsVendorMonthTable;
  statistics_refresh_state: StatisticsRefreshStateTable;
};
