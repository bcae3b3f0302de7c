import type { Texts } from '../i18n.ts';

const ja = {
  title: 'つなぎ損害保険',
  heroHeading: 'お手続きは、Webでかんたんに。',
  heroLead: '自動車保険の更新、お支払い方法の変更、火災保険のお申し込み、保険証券の確認まで。24時間いつでも、ご自宅から手続きいただけます。',
  heroCta: '自動車保険を更新する',
  menuHeading: 'お手続きメニュー',
  flows: [
    {
      href: '/renewal/',
      title: '自動車保険の更新',
      body: '昨年度の補償と保険料を見ながら、今年度の補償を選べます。保険料はその場で計算されます。',
    },
    {
      href: '/payment/',
      title: 'お支払い方法の選択',
      body: 'クレジットカード、LINE Pay、PayPay、au PAY、PayB から選べます。項目ごとに説明があります。',
    },
    {
      href: '/fire/',
      title: '火災保険のお申し込み',
      body: '建物の情報と補償を入力するだけで、新規のお申し込みがWebで完結します。',
    },
    {
      href: '/certificate/',
      title: '保険証券の確認',
      body: '最新のご契約内容を記載したデジタル保険証券を表示・保存できます。',
    },
    {
      href: '/change/',
      title: 'ご住所・お支払いカードの変更',
      body: 'お引っ越しのときのご住所と、保険料をお支払いいただくカードを変更できます。',
    },
  ],
  helpHeading: '画面共有でサポートします',
  helpLead: '「入力のしかたがわからない」「どこを押せばよいかわからない」ときは、画面右下の「画面共有でサポート」ボタンを押してください。カスタマーセンターの担当者が、お客さまと同じ画面を見ながらご案内します。',
  helpSteps: [
    '画面右下の「画面共有でサポート」ボタンを押します。',
    '担当者に見える内容と見えない内容を確認して、同意します。',
    '表示された6桁の番号を、お電話で担当者にお伝えください。',
    '共有はいつでも、ボタンひとつで終了できます。',
  ],
  helpPrivacy: 'カード番号・パスワードなどの入力内容や、運転免許証の画像は、担当者には表示されません。アプリのインストールも不要です。',
  helpChat: 'お電話が難しいお客さまは、チャット（文字での会話）でもご相談いただけます。',
  newsHeading: 'お知らせ',
  news: [
    { date: '2026-11-20', text: '年末年始のカスタマーセンター営業時間のお知らせ' },
    { date: '2026-10-01', text: '自動車保険の保険料率改定について' },
    { date: '2026-09-12', text: 'お支払い方法の選択画面を、わかりやすくリニューアルしました' },
  ],
};

const en: typeof ja = {
  title: 'Tsunagi General Insurance',
  heroHeading: 'Your insurance, simply online.',
  heroLead: 'Renew your car insurance, change how you pay, apply for fire insurance and view your policy certificate — from home, at any time of day.',
  heroCta: 'Renew car insurance',
  menuHeading: 'What would you like to do?',
  flows: [
    {
      href: '/renewal/',
      title: 'Renew car insurance',
      body: 'Choose this year’s cover while seeing last year’s cover and premium. The premium is calculated as you choose.',
    },
    {
      href: '/payment/',
      title: 'Choose a payment method',
      body: 'Credit card, LINE Pay, PayPay, au PAY or PayB, with an explanation for every field.',
    },
    {
      href: '/fire/',
      title: 'Apply for fire insurance',
      body: 'Enter your building’s details and the cover you want; the whole application is done online.',
    },
    {
      href: '/certificate/',
      title: 'View your policy certificate',
      body: 'See and save a digital certificate with your latest contract details.',
    },
    {
      href: '/change/',
      title: 'Change your address or payment card',
      body: 'Moving house or switching cards? Update your address and the card you pay your premium with.',
    },
  ],
  helpHeading: 'We can help by screen sharing',
  helpLead: 'Not sure what to enter or where to press? Press “Get help by screen sharing” at the bottom right of the screen. Our Customer Centre staff will guide you while seeing the same screen as you.',
  helpSteps: [
    'Press “Get help by screen sharing” at the bottom right.',
    'Read what our staff will and will not see, and agree.',
    'Tell the 6-digit code on your screen to our staff on the phone.',
    'You can stop sharing at any time with one button.',
  ],
  helpPrivacy: 'What you type into card number or password fields, and images such as your driving licence, are never shown to our staff. Nothing to install.',
  helpChat: 'If a phone call is difficult for you, you can also talk with us in writing through the chat.',
  newsHeading: 'News',
  news: [
    { date: '2026-11-20', text: 'Customer Centre opening hours over the New Year holidays' },
    { date: '2026-10-01', text: 'Revision of car insurance premium rates' },
    { date: '2026-09-12', text: 'We have redesigned the payment method screen to make it clearer' },
  ],
};

export const homeText: Texts<typeof ja> = { ja, en };
