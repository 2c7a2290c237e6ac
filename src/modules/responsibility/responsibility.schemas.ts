import { z } from 'zod';

/** The free-choice form: the organisation the citizen picks (one of the options the page showed; the service checks which). */
export const choiceFormSchema = z.object({
  organisation: z
    .string({ message: 'responsibility.choice.required' })
    .trim()
    .min(1, { message: 'responsibility.choice.required' })
    .max(40, { message: 'responsibility.choice.required' }),
});

export const whoHelpsQuery = z.object({ valgt: z.literal('1').optional().catch(undefined) });
