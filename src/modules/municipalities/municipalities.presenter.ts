import type { Locale } from '../../platform/i18n/index.ts';
import type { JobcenterRow, MunicipalityRow } from './municipalities.repository.ts';
import type { JobcenterDto, MunicipalityDto } from './municipalities.schemas.ts';

export function presentMunicipality(row: MunicipalityRow, locale: Locale): MunicipalityDto {
  return {
    code: row.code,
    name: row.name,
    region: { code: row.region_code, name: locale === 'en' ? row.region_name_en : row.region_name_da },
    hasJobcenter: row.has_jobcenter,
  };
}

export function presentJobcenter(row: JobcenterRow): JobcenterDto {
  return {
    id: row.id,
    name: row.name,
    address: { street: row.street, postalCode: row.postal_code, city: row.city },
    phone: row.phone,
    email: row.email,
    website: row.website,
    openingHours: [...row.opening_hours].sort((a, b) => a.weekday - b.weekday),
  };
}
