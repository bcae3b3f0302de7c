import { autoPolicy } from '../common/customer.ts';
import type { CertificateContent } from './content.ts';
import { buildPdf, pageSize, type PdfRule, type PdfText } from './pdf.ts';

const LEFT = 56;
const VALUE_X = 200;
const RIGHT = pageSize.width - 56;

export interface CertificateLabels {
  title: string;
  subtitle: string;
  coverCaption: string;
  issuer: string;
}

/** Glyph advance in ems: the PDF font sets Latin characters half-width and everything else full-width. */
function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += ch.charCodeAt(0) < 0x7f ? 0.5 : 1;
  return ems * size;
}

/** PDF text does not wrap by itself; break long values at spaces (or anywhere in Japanese). */
function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens = text.match(/[\x21-\x7e]+\s*|\s+|[^\x21-\x7e\s]/g) ?? [text];
  for (const token of tokens) {
    if (line && textWidth(line + token.trimEnd(), size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function layout(labels: CertificateLabels, content: CertificateContent) {
  const texts: PdfText[] = [];
  const rules: PdfRule[] = [];
  let y = pageSize.height - 80;
  texts.push({ text: labels.title, x: LEFT, y, size: 20 });
  y -= 24;
  texts.push({ text: labels.subtitle, x: LEFT, y, size: 11 });
  y -= 16;
  rules.push({ x1: LEFT, y1: y, x2: RIGHT, y2: y });
  y -= 26;

  const section = (rows: [string, string][], size = 11) => {
    for (const [label, value] of rows) {
      const labelLines = wrap(label, size, VALUE_X - LEFT - 12);
      const valueLines = wrap(value, size, RIGHT - VALUE_X);
      labelLines.forEach((part, i) => texts.push({ text: part, x: LEFT, y: y - i * (size + 5), size }));
      valueLines.forEach((part, i) => texts.push({ text: part, x: VALUE_X, y: y - i * (size + 5), size }));
      y -= size + 11 + (Math.max(labelLines.length, valueLines.length) - 1) * (size + 5);
    }
    y -= 6;
    rules.push({ x1: LEFT, y1: y + 8, x2: RIGHT, y2: y + 8 });
    y -= 14;
  };
  section(content.header);
  section(content.details);
  texts.push({ text: labels.coverCaption, x: LEFT, y, size: 12 });
  y -= 24;
  section(content.cover);
  section([content.premium], 13);
  texts.push({ text: labels.issuer, x: LEFT, y: 60, size: 9 });
  return { texts, rules };
}

/** Builds the certificate PDF in the browser and hands it to the browser's download. */
export function downloadCertificate(labels: CertificateLabels, content: CertificateContent): void {
  const { texts, rules } = layout(labels, content);
  const url = URL.createObjectURL(buildPdf(texts, rules, `${labels.title} ${autoPolicy.number}`));
  const link = document.createElement('a');
  link.href = url;
  link.download = `policy-certificate-${autoPolicy.number}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
