// The automated checks a listing version goes through when it is submitted, before a person looks at it.
// Each gives an outcome and a catalogue message the vendor reads with how to fix it ('check.<code>.<outcome>'
// and 'check.<code>.fix'). They are pure apart from the optional reachability fetches.
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { DeclarationChecklist } from '../frameworks/index.ts';
import type { VersionDetail } from './listings.repository.ts';

export type CheckOutcome = 'passed' | 'failed' | 'skipped';
export type CheckResult = { code: CheckCode; outcome: CheckOutcome; message_key: MessageKey; params: Record<string, string | number> };

export const checkCodes = [
  'required_fields',
  'nsis_level',
  'accessibility_statement',
  'service_reachable',
  'redirect_uris',
  'client_authentication',
  'sso_addresses',
  'deletion_endpoint',
  'data_categories',
  'framework_declaration',
] as const;
export type CheckCode = (typeof checkCodes)[number];

export type CheckOptions = {
  /** Fetch the service and statement addresses (off unless configured: it makes the platform call out). */
  reachability: boolean;
  /** Sandbox rules: http://localhost and http://127.0.0.1 redirect URIs are accepted. */
  sandbox: boolean;
  /** The vendor's declaration against the current framework (undefined: no framework published). */
  declaration: DeclarationChecklist | undefined;
  fetch?: typeof fetch;
};

/** The fields a version must have filled in before anyone reviews it (form field names, named in the result). */
export const requiredFields = [
  'nameDa',
  'nameEn',
  'summaryDa',
  'summaryEn',
  'descriptionDa',
  'descriptionEn',
  'journeyStage',
  'categories',
  'targetGroups',
  'languages',
  'channels',
  'priceModel',
  'serviceUrl',
] as const;
export type RequiredField = (typeof requiredFields)[number];

function missingFields(v: VersionDetail): RequiredField[] {
  const filled: Record<RequiredField, boolean> = {
    nameDa: Boolean(v.name_da),
    nameEn: Boolean(v.name_en),
    summaryDa: Boolean(v.summary_da),
    summaryEn: Boolean(v.summary_en),
    descriptionDa: Boolean(v.description_da),
    descriptionEn: Boolean(v.description_en),
    journeyStage: Boolean(v.journey_stage),
    categories: v.categories.length > 0,
    targetGroups: v.target_groups.length > 0,
    languages: v.languages.length > 0,
    channels: v.channels.length > 0,
    priceModel: Boolean(v.price_model),
    serviceUrl: Boolean(v.service_url),
  };
  return requiredFields.filter((field) => !filled[field]);
}

const result = (code: CheckCode, outcome: CheckOutcome, params: Record<string, string | number> = {}): CheckResult => ({
  code,
  outcome,
  message_key: `check.${code}.${outcome}`,
  params,
});

function isAcceptedRedirect(uri: string, sandbox: boolean): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (url.protocol === 'https:') return true;
  return sandbox && url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

async function reachable(address: string, fetcher: typeof fetch): Promise<boolean> {
  try {
    const response = await fetcher(address, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.status < 400;
  } catch {
    return false;
  }
}

/** Runs every check on a version, in a fixed order. */
export async function runChecks(v: VersionDetail, options: CheckOptions): Promise<CheckResult[]> {
  const fetcher = options.fetch ?? fetch;
  const results: CheckResult[] = [];

  const missing = missingFields(v);
  results.push(missing.length === 0 ? result('required_fields', 'passed') : result('required_fields', 'failed', { fields: missing.join(',') }));

  results.push(v.required_nsis_level ? result('nsis_level', 'passed', { level: v.required_nsis_level }) : result('nsis_level', 'failed'));

  if (!v.accessibility_statement_url) results.push(result('accessibility_statement', 'failed'));
  else if (options.reachability && !(await reachable(v.accessibility_statement_url, fetcher)))
    results.push(result('accessibility_statement', 'failed', { url: v.accessibility_statement_url }));
  else results.push(result('accessibility_statement', 'passed'));

  if (!options.reachability || !v.service_url) results.push(result('service_reachable', 'skipped'));
  else
    results.push(
      (await reachable(v.service_url, fetcher)) ? result('service_reachable', 'passed') : result('service_reachable', 'failed', { url: v.service_url }),
    );

  const refused = v.redirect_uris.filter((uri) => !isAcceptedRedirect(uri, options.sandbox));
  if (v.redirect_uris.length === 0) results.push(result('redirect_uris', 'failed', { uris: '' }));
  else if (refused.length > 0) results.push(result('redirect_uris', 'failed', { uris: refused.join(', ') }));
  else results.push(result('redirect_uris', 'passed'));

  if (!v.client_auth_method || (v.client_auth_method === 'private_key_jwt' && !v.jwks_uri)) results.push(result('client_authentication', 'failed'));
  else results.push(result('client_authentication', 'passed'));

  // The other addresses the platform uses for single sign-on follow the redirect URIs' rule; each is optional here.
  const ssoAddresses = [v.initiate_login_uri, v.backchannel_logout_uri, v.deletion_uri].filter((uri): uri is string => Boolean(uri));
  const refusedSso = ssoAddresses.filter((uri) => !isAcceptedRedirect(uri, options.sandbox));
  if (refusedSso.length > 0) results.push(result('sso_addresses', 'failed', { uris: refusedSso.join(', ') }));
  else results.push(result('sso_addresses', ssoAddresses.length > 0 ? 'passed' : 'skipped'));

  // Without a deletion address the platform cannot ask the service to delete a citizen's data when consent is
  // withdrawn. It is a recommendation, not a stop: the framework's deletion requirement is the vendor's declaration
  // (checked below), and a service that receives no data has nothing to delete.
  const deletionRequired = options.declaration?.items.some((item) => item.key === 'data_deletion' && item.obligation === 'must') ?? false;
  if (v.deletion_uri) results.push(result('deletion_endpoint', 'passed'));
  else if (v.data_categories.length === 0) results.push(result('deletion_endpoint', 'skipped'));
  else
    results.push({
      ...result('deletion_endpoint', 'skipped'),
      message_key: deletionRequired ? 'check.deletion_endpoint.framework' : 'check.deletion_endpoint.recommended',
    });

  const incomplete = v.data_categories.filter((d) => !d.purpose_da || !d.purpose_en || !d.legal_basis).map((d) => d.category);
  results.push(
    incomplete.length === 0
      ? result('data_categories', 'passed', { count: v.data_categories.length })
      : result('data_categories', 'failed', { categories: incomplete.join(',') }),
  );

  const declaration = options.declaration;
  if (!declaration) results.push(result('framework_declaration', 'skipped'));
  else if (declaration.status === 'submitted' && declaration.items.every((item) => item.obligation === 'may' || item.satisfied))
    results.push(result('framework_declaration', 'passed', { version: declaration.version }));
  else results.push(result('framework_declaration', 'failed', { version: declaration.version }));

  return results;
}
