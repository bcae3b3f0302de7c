/** A few postcodes, standing in for the address database a real search would ask. */
const POSTCODES: Record<string, { ja: [string, string]; en: [string, string] }> = {
  '1000005': { ja: ['東京都', '千代田区丸の内'], en: ['Tokyo', 'Marunouchi, Chiyoda-ku'] },
  '5300001': { ja: ['大阪府', '大阪市北区梅田'], en: ['Osaka', 'Umeda, Kita-ku, Osaka'] },
  '8400041': { ja: ['佐賀県', '佐賀市城内'], en: ['Saga', 'Jonai, Saga'] },
  '0600001': { ja: ['北海道', '札幌市中央区北一条西'], en: ['Hokkaido', 'Kita 1-jo Nishi, Chuo-ku, Sapporo'] },
};

/** Digits only, full-width digits too ("１００－０００５" → "1000005"). */
export function normalisePostcode(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
}

export function lookUpPostcode(value: string, lang: 'ja' | 'en'): { prefecture: string; city: string } | null {
  const found = POSTCODES[normalisePostcode(value)];
  if (!found) return null;
  const [prefecture, city] = found[lang];
  return { prefecture, city };
}
