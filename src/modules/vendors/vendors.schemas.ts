import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';

/** The vendor profile as its administrator fills it in. The CVR is not here: it comes from MitID Erhverv. */
export const vendorProfileSchema = z.object({
  name: requiredText({ min: 2, max: 200 }),
  contactEmail: z.string().trim().max(320).pipe(z.email()),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{8,20}$/, { message: 'validation.format' }),
  supportUrl: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https$/, message: 'validation.url' })),
  dpaStatus: z.enum(['not_started', 'sent', 'signed']),
});
export type VendorProfileInput = z.input<typeof vendorProfileSchema>;
export type VendorProfile = z.output<typeof vendorProfileSchema>;
