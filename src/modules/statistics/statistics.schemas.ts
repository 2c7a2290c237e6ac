import { z } from 'zod';

/** A calendar month as 'YYYY-MM'. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'statistics.error.month' });

/** GET /api/public/v1/statistics: which of the two fixed tables, in which format, and (municipality table) which month. */
export const statisticsQuerySchema = z.object({
  table: z.enum(['municipality-month', 'vendor-month']).default('municipality-month').describe('Which of the two published tables.'),
  format: z.enum(['json', 'csv']).default('json').describe('JSON, or CSV (one line per figure, a hidden figure as "..").'),
  month: monthSchema.optional().describe('The municipality table: a published month (YYYY-MM); the newest when absent.'),
});

/** The page /statistik: the municipality table's month. An unreadable month shows the newest instead: it is a view setting. */
export const statisticsPageQuerySchema = z.object({ maaned: monthSchema.optional().catch(undefined) });

const published = z.number().int().nonnegative().nullable().describe('The number of citizens, or null where the figure is hidden (suppressed).');
const term = z.object({ code: z.string(), nameDa: z.string(), nameEn: z.string() });

export const municipalityMonthTableSchema = z
  .object({
    table: z.literal('municipality-month'),
    month: monthSchema.nullable().describe('The month shown (null while no month is published).'),
    months: z.array(monthSchema).describe('Every published month, newest first.'),
    threshold: z.number().int().describe('No figure stands for fewer citizens than this (zero is shown).'),
    columns: z.array(z.object({ journeyStage: term, targetGroup: term })),
    rows: z.array(z.object({ municipalityCode: z.string(), municipalityName: z.string(), cells: z.array(published), total: published })),
    totals: z.object({ cells: z.array(published), total: published }),
  })
  .meta({ id: 'StatisticsMunicipalityMonth' });

export const vendorMonthTableSchema = z
  .object({
    table: z.literal('vendor-month'),
    months: z.array(monthSchema).describe('The last completed months, oldest first: the columns.'),
    threshold: z.number().int(),
    rows: z.array(z.object({ cvr: z.string(), vendorName: z.string(), cells: z.array(published) })),
  })
  .meta({ id: 'StatisticsVendorMonth' });

export const statisticsTableSchema = z.union([municipalityMonthTableSchema, vendorMonthTableSchema]);
