import { formatYen } from '../i18n.ts';
import { useLang, useText } from '../common/lang.tsx';
import { lastYear } from './premium.ts';
import { renewalText } from './text.ts';

export function LastYearTable() {
  const { lang } = useLang();
  const t = useText(renewalText);
  const rows: [string, string][] = [
    [t.bodilyInjury, t.unlimited],
    [t.propertyDamage, t.unlimited],
    [t.personalInjury, lang === 'ja' ? '5,000万円' : '¥50 million'],
    [t.vehicleInsurance, lastYear.vehicle ? t.vehicleLastYear : t.notAttached],
    [t.deductibleRow, formatYen(lastYear.deductible, lang)],
    [t.driverAgeRow, t.driverAgeOption[lastYear.driverAge]],
  ];
  return (
    <table className="data-table" id="renewal-last-year">
      <caption className="visually-hidden">{t.lastYearCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.item}</th>
          <th scope="col">{t.content}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([item, content]) => (
          <tr key={item}>
            <th scope="row">{item}</th>
            <td>{content}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t.annualPremium}</th>
          <td className="amount" id="renewal-last-premium">
            {formatYen(lastYear.premium, lang)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
