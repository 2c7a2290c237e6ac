import type { Db } from '../../platform/db/database.ts';

export async function insertAccessibilityFeedback(
  db: Db,
  feedback: { reference: string; description: string; pageUrl?: string | undefined; name?: string | undefined; email?: string | undefined; locale: string },
): Promise<void> {
  await db
    .insertInto('accessibility_feedback')
    .values({
      reference: feedback.reference,
      description: feedback.description,
      page_url: feedback.pageUrl ?? null,
      name: feedback.name ?? null,
      email: feedback.email ?? null,
      locale: feedback.locale,
    })
    .execute();
}
