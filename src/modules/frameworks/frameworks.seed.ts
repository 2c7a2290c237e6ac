import type { SeedPart } from '../../platform/seed.ts';
import {
  insertDeclaration,
  insertDraftVersion,
  insertRequirement,
  selectVendorIdByCvr,
  selectVersionByNumber,
  setVersionStatus,
  upsertAgreement,
  upsertAnswers,
  type RequirementValues,
} from './frameworks.repository.ts';

const SEEDED_BY = 'demo-seed';

export const demoAgreement = {
  code: 'digitale-beskaeftigelsesindsatser-2026',
  title_da: 'Rammeaftale for digitale beskæftigelsesindsatser 2026',
  title_en: 'Framework agreement for digital employment services 2026',
};

/** Version 1 of the demo agreement: the minimum every vendor service meets (C3). */
export const demoRequirements: (RequirementValues & { key: string })[] = [
  {
    key: 'gdpr_dpa',
    text_da: 'Leverandøren har underskrevet databehandleraftalen med fællesskabet (GDPR artikel 28).',
    text_en: 'The vendor has signed the data processing agreement with the governance body (GDPR Article 28).',
    help_da: 'Aftalen sendes til virksomhedens tegningsberettigede ved registreringen.',
    help_en: 'The agreement is sent to the person authorised to sign for the company at registration.',
    answer_type: 'yes_no',
    obligation: 'must',
    check_code: null,
  },
  {
    key: 'data_in_eu',
    text_da: 'Borgernes data opbevares og behandles udelukkende i EU/EØS.',
    text_en: 'Citizens’ data is stored and processed in the EU/EEA only.',
    help_da: 'Det gælder også backup, logning og underdatabehandlere.',
    help_en: 'This includes backups, logs and sub-processors.',
    answer_type: 'yes_no',
    obligation: 'must',
    check_code: null,
  },
  {
    key: 'accessibility_statement',
    text_da: 'Adressen på tjenestens tilgængelighedserklæring (WCAG 2.1 AA).',
    text_en: 'The address of the service’s accessibility statement (WCAG 2.1 AA).',
    help_da: 'Erklæringen skal følge Digitaliseringsstyrelsens skabelon og være offentligt tilgængelig.',
    help_en: 'The statement follows the Agency for Digital Government’s template and is publicly available.',
    answer_type: 'url',
    obligation: 'must',
    check_code: 'accessibility_statement',
  },
  {
    key: 'security_contact',
    text_da: 'E-mailadresse til henvendelser om informationssikkerhed og brud på persondatasikkerheden.',
    text_en: 'E-mail address for information security matters and personal data breaches.',
    help_da: null,
    help_en: null,
    answer_type: 'email',
    obligation: 'must',
    check_code: 'email',
  },
  {
    key: 'nsis_level',
    text_da: 'Det højeste sikringsniveau (NSIS), tjenesten understøtter og har brug for.',
    text_en: 'The highest assurance level (NSIS) the service supports and needs.',
    help_da: 'Tjenester, der viser følsomme oplysninger, kræver mindst Betydelig.',
    help_en: 'Services that show sensitive data need at least Substantial.',
    answer_type: 'nsis_level',
    obligation: 'must',
    check_code: 'nsis_level',
  },
  {
    key: 'single_sign_on',
    text_da: 'Borgerne logger ind i tjenesten med single sign-on gennem platformen.',
    text_en: 'Citizens sign in to the service with single sign-on through the platform.',
    help_da: null,
    help_en: null,
    answer_type: 'yes_no',
    obligation: 'must',
    check_code: null,
  },
  {
    key: 'activity_events',
    text_da: 'Tjenesten sender aktivitetshændelser (påbegyndt, gennemført m.m.) til platformen.',
    text_en: 'The service sends activity events (started, completed etc.) to the platform.',
    help_da: null,
    help_en: null,
    answer_type: 'yes_no',
    obligation: 'must',
    check_code: null,
  },
  {
    key: 'data_deletion',
    text_da: 'Tjenesten sletter en borgers data på anmodning gennem platformens sletteaftale.',
    text_en: 'The service deletes a citizen’s data on request through the platform’s deletion contract.',
    help_da: null,
    help_en: null,
    answer_type: 'yes_no',
    obligation: 'must',
    check_code: null,
  },
  {
    key: 'support_contact',
    text_da: 'Adressen på support for borgere og jobkonsulenter.',
    text_en: 'The address of support for citizens and caseworkers.',
    help_da: 'En side med telefon, e-mail eller chat og åbningstider.',
    help_en: 'A page with phone, e-mail or chat and opening hours.',
    answer_type: 'url',
    obligation: 'must',
    check_code: 'https_url',
  },
  {
    key: 'iso_27001',
    text_da: 'Leverandøren er certificeret efter ISO/IEC 27001.',
    text_en: 'The vendor is certified to ISO/IEC 27001.',
    help_da: null,
    help_en: null,
    answer_type: 'yes_no',
    obligation: 'may',
    check_code: null,
  },
  {
    key: 'sub_processors',
    text_da: 'Underdatabehandlere (navn og land).',
    text_en: 'Sub-processors (name and country).',
    help_da: 'Skriv én pr. linje.',
    help_en: 'One per line.',
    answer_type: 'text',
    obligation: 'may',
    check_code: null,
  },
];

// Jobtræner ApS (the test IdP's vendor) has declared against version 1.
const demoDeclarations = [
  {
    cvr: '39000008',
    answers: {
      gdpr_dpa: 'yes',
      data_in_eu: 'yes',
      accessibility_statement: 'https://jobtraener.example/tilgaengelighed',
      security_contact: 'sikkerhed@jobtraener.example',
      nsis_level: 'Substantial',
      single_sign_on: 'yes',
      activity_events: 'yes',
      data_deletion: 'yes',
      support_contact: 'https://jobtraener.example/support',
      iso_27001: 'no',
      sub_processors: 'Hostingfirma A/S, Danmark',
    } as Record<string, string>,
  },
];

/** Demo world, frameworks' part: the 2026 agreement, version 1 published, and Jobtræner's submitted declaration. */
export const frameworksSeed: SeedPart = {
  name: 'frameworks.agreements',
  async run(db) {
    const agreementId = await upsertAgreement(db, demoAgreement);
    // A published version never changes, so version 1 is written only when it is missing.
    if (!(await selectVersionByNumber(db, agreementId, 1))) {
      const draft = await insertDraftVersion(db, agreementId, SEEDED_BY);
      if (!draft) throw new Error('could not create version 1 of the demo framework agreement');
      for (const [i, { key, ...values }] of demoRequirements.entries()) await insertRequirement(db, draft.id, key, i + 1, values);
      await setVersionStatus(db, draft.id, 'published', SEEDED_BY);
    }
    const version = await selectVersionByNumber(db, agreementId, 1);
    if (version?.status !== 'published') return;
    for (const demo of demoDeclarations) {
      const vendor = await selectVendorIdByCvr(db, demo.cvr);
      if (!vendor) continue;
      const declaration = await insertDeclaration(db, {
        vendor_id: vendor.id,
        framework_version_id: version.id,
        status: 'submitted',
        submitted_at: new Date(),
        submitted_by: SEEDED_BY,
      });
      if (!declaration) continue;
      await upsertAnswers(
        db,
        Object.entries(demo.answers).map(([key, value]) => ({
          declaration_id: declaration.id,
          framework_version_id: version.id,
          requirement_key: key,
          value,
          answered_by: SEEDED_BY,
          carried_over_from_version: null,
        })),
      );
    }
  },
};
