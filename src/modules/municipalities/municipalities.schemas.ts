import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';

export const municipalityCodeSchema = z
  .string()
  .regex(/^[0-9]{3}$/, { message: 'validation.format' })
  .describe('Official three-digit kommunekode, e.g. 101 for København.');

export const regionCodeSchema = z.enum(['1081', '1082', '1083', '1084', '1085']).describe('Region code (1081–1085).');

export const municipalityListQuerySchema = pageQuerySchema.extend({ region: regionCodeSchema.optional() });
export type MunicipalityListQuery = z.infer<typeof municipalityListQuerySchema>;

export const municipalityParamsSchema = z.object({ code: municipalityCodeSchema });

export const regionSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Region' });

export const municipalitySchema = z
  .object({
    code: z.string().describe('Kommunekode.'),
    name: z.string(),
    region: regionSchema,
    hasJobcenter: z.boolean().describe('Whether the municipality has set up its jobcenter on the platform.'),
  })
  .meta({ id: 'Municipality' });

export const openingHoursSchema = z.object({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday, Monday = 1.'),
  opens: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
  closes: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
});

export const jobcenterSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
    phone: z.string(),
    email: z.string(),
    website: z.string(),
    openingHours: z.array(openingHoursSchema),
  })
  .meta({ id: 'Jobcenter' });

export const municipalityDetailSchema = municipalitySchema.extend({ jobcenters: z.array(jobcenterSchema) }).meta({ id: 'MunicipalityDetail' });

export const municipalityPageSchema = pageSchema(municipalitySchema);

export type MunicipalityDto = z.infer<typeof municipalitySchema>;
export type JobcenterDto = z.infer<typeof jobcenterSchema>;
export type MunicipalityDetailDto = z.infer<typeof municipalityDetailSchema>;
