import type { Texts } from '../../i18n.ts';

const ja = {
  postcodeLabel: '郵便番号',
  postcodeHint: '7桁の数字です。例: 100-0005',
  lookUp: '住所を検索',
  notFound: 'この郵便番号の住所が見つかりません。都道府県と市区町村も入力してください。',
  found: (address: string) => `${address} を入力しました。`,
  prefectureLabel: '都道府県',
  cityLabel: '市区町村',
  lineLabel: '番地・建物名',
  lineHint: '例: 二丁目7番3号 東京ビルディング 12階',
  phoneLabel: '日中のお電話番号',
  identityLegend: 'ご本人確認',
  identityLead: 'ご契約者さまご本人であることを確かめるため、生年月日を入力してください。',
  birthdateLabel: '生年月日',
  birthdateHint: '例: 1950/04/01',
};

const en: typeof ja = {
  postcodeLabel: 'Postcode',
  postcodeHint: 'Seven digits, e.g. 100-0005',
  lookUp: 'Find address',
  notFound: 'No address was found for this postcode. Please enter the prefecture and city as well.',
  found: (address: string) => `Filled in: ${address}.`,
  prefectureLabel: 'Prefecture',
  cityLabel: 'City or ward',
  lineLabel: 'Street and building',
  lineHint: 'e.g. 2-7-3, Tokyo Building, 12th floor',
  phoneLabel: 'Daytime phone number',
  identityLegend: 'Identity check',
  identityLead: 'To confirm that you are the policyholder, please enter your date of birth.',
  birthdateLabel: 'Date of birth',
  birthdateHint: 'e.g. 1950/04/01',
};

export const addressText: Texts<typeof ja> = { ja, en };
