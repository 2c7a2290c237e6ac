// Attribute names as NemLog-in (OIOSAML 3) and its OIDC brokers issue them (PRODUCT.md C2), plus the two
// claims a municipal or platform IdP adds: roles, and the municipality or other organisation the person works for.
export const claimNames = {
  cpr: 'https://data.gov.dk/model/core/eid/cprNumber',
  cprUuid: 'https://data.gov.dk/model/core/eid/cprUuid',
  fullName: 'https://data.gov.dk/model/core/eid/fullName',
  cvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  orgName: 'https://data.gov.dk/model/core/eid/professional/orgName',
  loa: 'https://data.gov.dk/concept/core/nsis/loa',
  roles: 'urn:jobunivers:claims:roles',
  municipality: 'urn:jobunivers:claims:municipality',
  /** An organisation's id ('akasse-<cvr>', 'aktoer-<cvr>', 'kommune-<code>'): an a-kasse's or another actor's IdP says it. */
  organisation: 'urn:jobunivers:claims:organisation',
} as const;

const subjectPrefix = 'https://data.gov.dk/model/core/eid/person/uuid/';

/** The persistent subject identifier of a person, in NemLog-in's NameID form. */
export function personSubject(personUuid: string): string {
  return `${subjectPrefix}${personUuid}`;
}
