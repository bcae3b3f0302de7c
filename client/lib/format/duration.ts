import type { Lang } from '@tsunagi/shared';

/**
 * Waiting times and lags as agents read them at a glance. Negative values
 * (a clock estimate a little ahead of a server stamp) show as zero.
 */

/** "0:42", "12:05", "1:02:03" — a clock face, the same in both languages. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** "3分12秒" / "3 min 12 s": for screen readers and titles. */
export function formatDurationWords(ms: number, lang: Lang): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (lang === 'ja') {
    return (hours ? `${hours}時間` : '') + (hours || minutes ? `${minutes}分` : '') + `${seconds}秒`;
  }
  const parts: string[] = [];
  if (hours) parts.push(`${hours} h`);
  if (hours || minutes) parts.push(`${minutes} min`);
  parts.push(`${seconds} s`);
  return parts.join(' ');
}

/** "0.4秒" / "0.4 s" below a minute, then as words. */
export function formatLag(ms: number, lang: Lang): string {
  const clamped = Math.max(0, ms);
  if (clamped >= 60_000) return formatDurationWords(clamped, lang);
  const seconds = clamped < 10_000 ? (clamped / 1000).toFixed(1) : String(Math.round(clamped / 1000));
  return lang === 'ja' ? `${seconds}秒` : `${seconds} s`;
}
