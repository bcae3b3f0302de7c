import { formatDate, formatYen, type Lang } from '../i18n.ts';
import { autoPolicy, customer } from '../common/customer.ts';
import { lastYear } from '../renewal/premium.ts';
import type { certificateText } from './text.ts';

type CertificateText = (typeof certificateText)['ja'];

export const ISSUED_ON = '2025-12-01';

/** One source for the certificate on screen and in the PDF, so the two never disagree. */
export function certificateContent(t: CertificateText, lang: Lang) {
  return {
    header: [
      [t.policyNumber, autoPolicy.number],
      [t.issued, formatDate(ISSUED_ON, lang)],
    ] as [string, string][],
    details: [
      [t.holder, customer.name[lang]],
      [t.period, t.periodValue(formatDate(autoPolicy.start, lang), formatDate(autoPolicy.end, lang))],
      [t.vehicle, autoPolicy.vehicle[lang]],
      [t.plate, autoPolicy.plate[lang]],
      [t.grade, t.gradeValue(autoPolicy.grade)],
      [t.driverScope, t.driverScopeValue],
      [t.driverAge, t.driverAgeValue],
    ] as [string, string][],
    cover: t.coverRows,
    premium: [t.premium, formatYen(lastYear.premium, lang)] as [string, string],
  };
}

export type CertificateContent = ReturnType<typeof certificateContent>;
