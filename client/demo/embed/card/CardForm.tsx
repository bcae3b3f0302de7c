import { useState, type ChangeEvent, type FormEvent } from 'react';

const text = {
  ja: {
    brand: 'ほしぞらペイメント',
    secure: 'このフォームは決済代行会社のページです。カード情報はご契約の保険会社には送られません。',
    number: 'カード番号',
    exp: '有効期限（月/年）',
    csc: 'セキュリティコード',
    name: 'カード名義（ローマ字）',
    email: '登録完了メールの送信先',
    submit: 'このカードを登録する',
    done: 'カードを登録しました。保険会社の画面に戻って、変更内容を送信してください。',
  },
  en: {
    brand: 'Hoshizora Payments',
    secure: 'This form belongs to the payment provider. Your card details are not sent to your insurer.',
    number: 'Card number',
    exp: 'Expiry (MM/YY)',
    csc: 'Security code',
    name: 'Name on card',
    email: 'Send the confirmation to',
    submit: 'Register this card',
    done: 'Your card is registered. Go back to your insurer’s page and send your changes.',
  },
};

export type CardLang = keyof typeof text;

/** The frame's language comes from the embedding page (`?lang=en`): another origin cannot read its storage. */
export function cardLang(search: string): CardLang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'ja';
}

type CardField = 'number' | 'exp' | 'csc' | 'name' | 'email';

/**
 * A payment provider's card form, as such forms are: autocomplete cc-* on
 * every card field, controlled inputs (React mirrors each value into the
 * `value` attribute, one more path the masking must cover).
 */
export function CardForm({ lang }: { lang: CardLang }) {
  const t = text[lang];
  const [done, setDone] = useState(false);
  const [card, setCard] = useState<Record<CardField, string>>({ number: '', exp: '', csc: '', name: '', email: '' });
  const bind = (field: CardField) => ({
    value: card[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setCard({ ...card, [field]: event.target.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(true);
  };

  return (
    <main className="pay">
      <p className="pay__brand">
        <span className="pay__logo" aria-hidden="true">
          ★
        </span>
        {t.brand}
      </p>
      <p className="pay__secure">{t.secure}</p>
      {done ? (
        <p className="pay__done" id="pay-done" role="status">
          {t.done}
        </p>
      ) : (
        <form id="pay-form" noValidate onSubmit={onSubmit}>
          <label className="pay__field">
            <span>{t.number}</span>
            <input id="pay-number" name="cardnumber" autoComplete="cc-number" inputMode="numeric" maxLength={23} {...bind('number')} />
          </label>
          <div className="pay__row">
            <label className="pay__field">
              <span>{t.exp}</span>
              <input id="pay-exp" name="exp-date" autoComplete="cc-exp" inputMode="numeric" placeholder="MM/YY" maxLength={7} {...bind('exp')} />
            </label>
            <label className="pay__field">
              <span>{t.csc}</span>
              <input id="pay-csc" name="cvc" autoComplete="cc-csc" inputMode="numeric" maxLength={4} {...bind('csc')} />
            </label>
          </div>
          <label className="pay__field">
            <span>{t.name}</span>
            <input id="pay-name" name="ccname" autoComplete="cc-name" autoCapitalize="characters" spellCheck={false} {...bind('name')} />
          </label>
          <label className="pay__field">
            <span>{t.email}</span>
            <input id="pay-email" name="email" type="email" autoComplete="email" {...bind('email')} />
          </label>
          <button type="submit" id="pay-submit" className="pay__submit">
            {t.submit}
          </button>
        </form>
      )}
    </main>
  );
}
