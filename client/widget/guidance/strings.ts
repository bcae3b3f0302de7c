import type { Lang } from '@tsunagi/shared';

/** Every word of the guidance UI (chat, remote control), in the widget's plain, polite style. */
export interface GuidanceStrings {
  chat: string;
  /** "2 unread" for screen readers; the badge shows the number only. */
  unread(count: number): string;
  chatTitle: string;
  chatEmpty: string;
  chatLabel: string;
  chatHint: string;
  send: string;
  sending: string;
  sendFailed: string;
  you: string;
  agent: string;
  /** Announced when a message arrives while the chat is closed. */
  newMessage(author: string, text: string): string;
  close: string;
  /** "(opens in a new tab)" for links in messages. */
  newTab: string;
  controlTitle: string;
  controlIntro(agent: string | null): string;
  controlWhat: string[];
  controlAllow: string;
  controlDecline: string;
  controlling(agent: string | null): string;
  controlStop: string;
  controlStopHint: string;
  controlEnded: string;
}

const ja: GuidanceStrings = {
  chat: 'チャット',
  unread: (n) => `未読 ${n} 件`,
  chatTitle: '担当者とのチャット',
  chatEmpty: 'まだメッセージはありません。文字でご質問いただけます。',
  chatLabel: 'メッセージ',
  chatHint: 'Enter で送信、Shift + Enter で改行します。',
  send: '送信',
  sending: '送信しています…',
  sendFailed: '送信できませんでした。もう一度お試しください。',
  you: 'あなた',
  agent: '担当者',
  newMessage: (author, text) => `${author}さんからのメッセージ：${text}`,
  close: 'チャットを閉じる',
  newTab: '（新しいタブで開きます）',
  controlTitle: '担当者に操作を任せますか？',
  controlIntro: (agent) => `${agent ? `${agent} さん` : '担当者'}が、あなたの代わりにこの画面を操作したいと申し出ています。`,
  controlWhat: [
    '許可すると、このサイトのページで、担当者がクリック・入力・スクロールできるようになります。',
    'カード番号やパスワードなど、保護された項目には入力できません。',
    '「操作をやめてもらう」ボタンか Esc キーで、いつでも止められます。',
  ],
  controlAllow: '許可する',
  controlDecline: '許可しない',
  controlling: (agent) => `${agent ? `${agent} さん` : '担当者'}が操作しています`,
  controlStop: '操作をやめてもらう',
  controlStopHint: 'Esc キーでも止められます。',
  controlEnded: '担当者による操作を終了しました。',
};

const en: GuidanceStrings = {
  chat: 'Chat',
  unread: (n) => `${n} unread`,
  chatTitle: 'Chat with the agent',
  chatEmpty: 'No messages yet. You can ask your questions in writing.',
  chatLabel: 'Message',
  chatHint: 'Enter sends, Shift + Enter starts a new line.',
  send: 'Send',
  sending: 'Sending…',
  sendFailed: 'The message could not be sent. Please try again.',
  you: 'You',
  agent: 'Agent',
  newMessage: (author, text) => `Message from ${author}: ${text}`,
  close: 'Close chat',
  newTab: '(opens in a new tab)',
  controlTitle: 'Let the agent control this page?',
  controlIntro: (agent) => `${agent ?? 'The agent'} would like to operate this screen for you.`,
  controlWhat: [
    "If you allow it, the agent can click, type and scroll on this site's pages.",
    'The agent cannot type into protected fields such as card numbers and passwords.',
    'You can stop it at any time with the “Stop control” button or the Esc key.',
  ],
  controlAllow: 'Allow',
  controlDecline: 'Decline',
  controlling: (agent) => `${agent ?? 'The agent'} is controlling this page`,
  controlStop: 'Stop control',
  controlStopHint: 'The Esc key stops it too.',
  controlEnded: 'The agent no longer controls this page.',
};

export function guidanceStrings(lang: Lang): GuidanceStrings {
  return lang === 'en' ? en : ja;
}

/** "14:05": the hour and minute of a local time, 24-hour, in both languages. */
export function hhmm(localTime: number): string {
  const d = new Date(localTime);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
