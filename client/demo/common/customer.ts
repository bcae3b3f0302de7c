/**
 * The one fictional customer the demo follows through every page, so renewal,
 * payment and certificate tell a single consistent story.
 */
export const customer = {
  ref: 'CUST-884213',
  name: { ja: '佐藤 和子', en: 'Kazuko Sato' },
  postalCode: '〒156-0043',
  address: { ja: '東京都世田谷区松原 4-12-8 松原ハイツ 203号室', en: 'Matsubara Heights 203, 4-12-8 Matsubara, Setagaya-ku, Tokyo' },
  phone: '090-4127-8836',
} as const;

export const autoPolicy = {
  number: 'TG-2025-0048213',
  /** The current year's period; the renewal starts the day this one ends. */
  start: '2025-12-15',
  end: '2026-12-15',
  renewalStart: '2026-12-15',
  renewalEnd: '2027-12-15',
  vehicle: { ja: 'トヨタ カローラ フィールダー（2019年式）', en: 'Toyota Corolla Fielder (2019)' },
  plate: { ja: '世田谷 500 せ 28-14', en: 'Setagaya 500 Se 28-14' },
  grade: 20,
} as const;
