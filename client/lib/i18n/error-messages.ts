import type { Lang } from '@tsunagi/shared';
import type { ClientErrorCode } from '../errors.ts';

/** Generic wording per error code; screens override it where they know more. */
export const errorMessages: Record<Lang, Record<ClientErrorCode, string>> = {
  ja: {
    bad_request: '入力内容を確認してください。',
    unauthorized: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    forbidden: 'この操作を行う権限がありません。',
    not_found: '見つかりませんでした。',
    payload_too_large: 'データが大きすぎます。',
    out_of_order: 'データの順序に問題が発生しました。',
    session_ended: 'このセッションは終了しています。',
    already_taken: 'このセッションは他の担当者が対応しています。',
    code_invalid: '接続コードが正しくないか、有効期限が切れています。',
    rate_limited: '試行回数が多すぎます。しばらく待ってからお試しください。',
    conflict: '既に存在します。',
    outdated_client: 'このページの画面共有機能が古くなっています。ページを再読み込みしてください。',
    internal: 'サーバーでエラーが発生しました。しばらくしてからお試しください。',
    network: 'サーバーに接続できません。ネットワークを確認してください。',
    timeout: 'サーバーから応答がありません。もう一度お試しください。',
    disconnected: 'サーバーとの接続が切れています。再接続を待ってからお試しください。',
    invalid_response: 'サーバーから予期しない応答がありました。',
  },
  en: {
    bad_request: 'Please check what you entered.',
    unauthorized: 'Your login has expired. Please log in again.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'Not found.',
    payload_too_large: 'The data is too large.',
    out_of_order: 'The data arrived out of order.',
    session_ended: 'This session has ended.',
    already_taken: 'This session was taken by another agent.',
    code_invalid: 'The code is wrong or has expired.',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    conflict: 'This already exists.',
    outdated_client: 'The screen-sharing part of this page is out of date. Please reload the page.',
    internal: 'Something went wrong on the server. Please try again shortly.',
    network: 'Cannot reach the server. Please check the network.',
    timeout: 'The server did not answer. Please try again.',
    disconnected: 'The connection to the server is down. Please wait for it to come back and try again.',
    invalid_response: 'The server sent an unexpected answer.',
  },
};
