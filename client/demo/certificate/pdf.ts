/**
 * A one-page PDF written by hand, so the certificate downloads as a real PDF
 * without a PDF library. Japanese text uses the PDF-standard Japanese font
 * (HeiseiKakuGo-W5 with the UniJIS-UCS2-H encoding), which viewers map to an
 * installed Japanese font; nothing is embedded, so the file stays a few KB.
 */
export interface PdfText {
  text: string;
  x: number;
  y: number;
  size: number;
}

export interface PdfRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const A4 = { width: 595, height: 842 };

/** UCS-2 big-endian hex, as UniJIS-UCS2-H expects; characters beyond the BMP become "?". */
function hexText(text: string): string {
  let hex = '';
  // "¥" maps to the JIS-Roman slot that substituted fonts draw as a backslash; the full-width yen is unambiguous.
  for (const ch of text.replaceAll('¥', '￥')) {
    const code = ch.codePointAt(0) ?? 0x3f;
    hex += (code > 0xffff ? 0x3f : code).toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

function contentStream(texts: PdfText[], rules: PdfRule[]): string {
  const ops = ['0.1 0.1 0.1 rg', '0.35 0.35 0.35 RG', '0.8 w'];
  for (const r of rules) ops.push(`${r.x1} ${r.y1} m ${r.x2} ${r.y2} l S`);
  for (const t of texts) ops.push(`BT /F1 ${t.size} Tf ${t.x} ${t.y} Td ${hexText(t.text)} Tj ET`);
  return ops.join('\n');
}

export function buildPdf(texts: PdfText[], rules: PdfRule[], title: string): Blob {
  const stream = contentStream(texts, rules);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 752 /Descent -221 /CapHeight 737 /StemV 114 >>',
    `<< /Title ${hexTitle(title)} /Producer (Tsunagi General Insurance) >>`,
  ];

  // Every byte before the xref is ASCII (text is hex-encoded), so string length equals byte offset.
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xrefStart = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefStart}\n%%EOF\n`;
  return new Blob([body], { type: 'application/pdf' });
}

/** Document-info strings in UTF-16BE with a byte-order mark, so viewers show a Japanese title. */
function hexTitle(title: string): string {
  return `<FEFF${hexText(title).slice(1, -1)}>`;
}

export const pageSize = A4;
