import type { ColumnType } from 'kysely';

// Column shapes every module's tables share: set by the database on insert, never written after (created) or
// written on every change (updated).
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
