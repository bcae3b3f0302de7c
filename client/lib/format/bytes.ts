/**
 * A size as agents and administrators read it: "8 MB", "2.5 MB", "64 KB"
 * (binary units, as MAX_BATCH_BYTES is usually set: 8388608 is "8 MB"). The
 * same in both languages.
 */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${round(mb)} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${round(kb)} KB`;
  return `${Math.max(0, Math.round(bytes))} B`;
}

/** One decimal below 100, none above. */
function round(value: number): string {
  return String(value >= 100 ? Math.round(value) : Math.round(value * 10) / 10);
}
