import type { Texts } from '../i18n.ts';

const ja = {
  title: 'ご住所・お支払いカードの変更',
  lead: 'お引っ越しやカードの切り替えのときは、こちらでご登録内容を変更できます。ご住所は当社の住所検索で、カードは決済代行会社の画面で入力します。',
  addressHeading: '新しいご住所',
  addressLead: '郵便番号を入れて「住所を検索」を押すと、都道府県と市区町村が入ります。続けて番地と建物名を入力してください。',
  addressFrameTitle: '新しいご住所の入力',
  cardHeading: '保険料のお支払いカード',
  cardLead: 'カード情報は、決済代行会社「ほしぞらペイメント」の画面に直接入力します。カード番号は当社にも、画面共有の担当者にも届きません。',
  cardFrameTitle: 'カード情報の入力（ほしぞらペイメント）',
  confirm: '変更内容を送信する',
  doneHeading: '変更を受け付けました',
  doneBody: '新しいご住所とお支払いカードを受け付けました。確認のお知らせを、新しいご住所に郵送します。',
};

const en: typeof ja = {
  title: 'Change your address or payment card',
  lead: 'Moving house or switching cards? Update your details here. You enter your address with our address search, and your card on the payment provider’s own form.',
  addressHeading: 'Your new address',
  addressLead: 'Enter your postcode and press “Find address” to fill in the prefecture and city, then add the street and building.',
  addressFrameTitle: 'Enter your new address',
  cardHeading: 'Card for your premium',
  cardLead: 'You enter your card on the form of our payment provider, Hoshizora Payments. Your card number reaches neither us nor our staff when you share your screen.',
  cardFrameTitle: 'Card details (Hoshizora Payments)',
  confirm: 'Send the changes',
  doneHeading: 'We have received your changes',
  doneBody: 'Your new address and payment card have been registered. We will post a confirmation to your new address.',
};

export const changeText: Texts<typeof ja> = { ja, en };
