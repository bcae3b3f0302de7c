import type { EndReason, Lang, Role } from '@tsunagi/shared';

/**
 * Every word the customer reads. Plain, polite wording: the customer is often
 * elderly and on the phone with the agent at the same time.
 */
export interface Strings {
  launcher: string;
  consentTitle: string;
  consentIntro: string;
  sharedHeading: string;
  shared: string[];
  neverHeading: string;
  never: string[];
  /** Shown under the first "never shared" item: where the hiding happens. */
  neverNote: string;
  stopAnytime: string;
  agree: string;
  cancel: string;
  connecting: string;
  codeTitle: string;
  codeHelp: string;
  /** Spoken form of the code for screen readers (digit by digit). */
  codeSpoken(code: string): string;
  codeValidUntil(time: string): string;
  codeLoading: string;
  waitingForAgent: string;
  sharingTitle: string;
  /** Phrases that may each wrap onto their own line but are never split (names stay whole). */
  sharingWith(name: string): string[];
  /** How phrases join into a sentence (no space in Japanese). */
  phraseJoiner: string;
  sharingWithAgent: string;
  viewersLabel: string;
  /** One line of the viewer list: name and role. */
  viewer(name: string, role: Role): string;
  stop: string;
  stopping: string;
  offline: string;
  endedTitle: string;
  endedReason(reason: EndReason | null): string;
  errorTitle: string;
  errorBody: string;
  close: string;
  regionLabel: string;
}

const ja: Strings = {
  launcher: '画面共有でサポート',
  consentTitle: '担当者と画面を共有しますか？',
  consentIntro: '担当者があなたと同じ画面を見ながらご案内します。',
  sharedHeading: '共有されるもの',
  shared: [
    'このページと、共有中に開いたこのサイトのページ',
    '入力した内容（保護された項目を除く）',
    'マウスの動き',
  ],
  neverHeading: '共有されないもの',
  never: [
    'カード番号、パスワード、サイトが保護している項目',
    'ほかのタブやアプリの画面',
    'お使いの端末には何もインストールされません',
  ],
  neverNote: '送信する前に、お使いのブラウザの中で隠されます。',
  stopAnytime: '「共有をやめる」ボタンで、いつでも終了できます。',
  agree: '同意して共有する',
  cancel: 'キャンセル',
  connecting: '接続しています…',
  codeTitle: '担当者にこの番号をお伝えください',
  codeHelp: 'お電話で担当者にこの6桁の番号を読み上げてください。',
  codeSpoken: (code) => `番号は ${code.split('').join(' ')} です`,
  codeValidUntil: (time) => `${time} まで有効です（期限が来ると新しい番号に変わります）`,
  codeLoading: '番号を確認しています…',
  waitingForAgent: '担当者の参加を待っています…',
  sharingTitle: '画面を共有しています',
  sharingWith: (name) => [`${name} さんと`, '画面を共有しています'],
  phraseJoiner: '',
  sharingWithAgent: '担当者と画面を共有しています',
  viewersLabel: '見ている人',
  viewer: (name, role) => `${name}（${role === 'agent' ? '担当者' : role === 'supervisor' ? '責任者' : '管理者'}）`,
  stop: '共有をやめる',
  stopping: '終了しています…',
  offline: '接続が途切れました。再接続しています…',
  endedTitle: '画面共有を終了しました',
  endedReason: (reason) =>
    reason === 'agent'
      ? '担当者が共有を終了しました。'
      : reason === 'idle'
        ? '一定時間操作がなかったため、共有を終了しました。'
        : reason === 'server'
          ? 'システムの都合により共有を終了しました。'
          : reason === 'customer'
            ? 'この画面はもう共有されていません。ご利用ありがとうございました。'
            : 'この画面はもう共有されていません。',
  errorTitle: '画面共有を開始できませんでした',
  errorBody: '通信に問題があるようです。しばらくしてから、もう一度お試しください。',
  close: '閉じる',
  regionLabel: '画面共有',
};

const en: Strings = {
  launcher: 'Get help by screen sharing',
  consentTitle: 'Share your screen with our support agent?',
  consentIntro: 'The agent will see this page as you see it, so they can guide you.',
  sharedHeading: 'What is shared',
  shared: [
    'This page, and the pages of this site you open while sharing',
    'What you type, except protected fields',
    'Your mouse movements',
  ],
  neverHeading: 'What is never shared',
  never: [
    'Card numbers, passwords and fields this site marks as protected',
    'Your other tabs and apps',
    'Nothing is installed on your device',
  ],
  neverNote: 'They are hidden in your browser before anything is sent.',
  stopAnytime: 'You can stop at any time with the “Stop sharing” button.',
  agree: 'Agree and share',
  cancel: 'Cancel',
  connecting: 'Connecting…',
  codeTitle: 'Read this number to the agent',
  codeHelp: 'Please read these 6 digits to the agent on the phone.',
  codeSpoken: (code) => `The number is ${code.split('').join(' ')}`,
  codeValidUntil: (time) => `Valid until ${time} (a new number appears after that)`,
  codeLoading: 'Getting your number…',
  waitingForAgent: 'Waiting for the agent to join…',
  sharingTitle: 'Sharing your screen',
  sharingWith: (name) => ['Sharing your screen with', name],
  phraseJoiner: ' ',
  sharingWithAgent: 'Sharing your screen with the agent',
  viewersLabel: 'Watching',
  viewer: (name, role) => `${name} (${role === 'agent' ? 'agent' : role === 'supervisor' ? 'supervisor' : 'administrator'})`,
  stop: 'Stop sharing',
  stopping: 'Stopping…',
  offline: 'Connection lost. Reconnecting…',
  endedTitle: 'Screen sharing has ended',
  endedReason: (reason) =>
    reason === 'agent'
      ? 'The agent ended the sharing.'
      : reason === 'idle'
        ? 'Sharing ended because nothing happened for a while.'
        : reason === 'server'
          ? 'Sharing was ended by the system.'
          : reason === 'customer'
            ? 'Your screen is no longer shared. Thank you.'
            : 'Your screen is no longer shared.',
  errorTitle: 'Screen sharing could not start',
  errorBody: 'There seems to be a connection problem. Please try again in a little while.',
  close: 'Close',
  regionLabel: 'Screen sharing',
};

export function stringsFor(lang: Lang): Strings {
  return lang === 'en' ? en : ja;
}

/** "14:35" / "2:35 PM" in the page's language. */
export function formatTime(localTime: number, lang: Lang): string {
  try {
    return new Date(localTime).toLocaleTimeString(lang === 'en' ? 'en-US' : 'ja-JP', { hour: 'numeric', minute: '2-digit' });
  } catch {
    const d = new Date(localTime);
    return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
}
