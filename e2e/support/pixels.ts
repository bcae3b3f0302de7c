import type { Page } from 'playwright-core';

/** A rectangle in CSS pixels of the compared images (device scale factor 1). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelDiff {
  width: number;
  height: number;
  /** Pixels compared: the image minus the excluded rectangles. */
  compared: number;
  /** Pixels where some channel differs by more than the tolerance. */
  differing: number;
  /** Pixels that differ at all (tolerance 0), for the record. */
  differingStrict: number;
  /** differing / compared. */
  share: number;
  /** A PNG: differing pixels red, excluded ones blue, the rest a faded copy of `a`. */
  diffPng: Buffer;
}

/**
 * Compares two PNGs of the same size pixel by pixel in a Chromium page: both
 * are decoded into canvases and read back with getImageData, so no image
 * library is needed. `page` should be a blank page of its own (not the
 * customer's nor the agent's). `exclude` rectangles are left out of both.
 */
export async function comparePngs(
  page: Page,
  a: Buffer,
  b: Buffer,
  options: { exclude: readonly Rect[]; tolerance: number },
): Promise<PixelDiff> {
  const result = await page.evaluate(
    async ({ a, b, exclude, tolerance }) => {
      const load = async (url: string) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, canvas.width, canvas.height);
      };
      const [first, second] = await Promise.all([load(a), load(b)]);
      if (first.width !== second.width || first.height !== second.height) {
        throw new Error(`sizes differ: ${first.width}×${first.height} and ${second.width}×${second.height}`);
      }
      const { width, height } = first;
      const excluded = new Uint8Array(width * height);
      for (const rect of exclude) {
        const x0 = Math.max(0, Math.floor(rect.x));
        const y0 = Math.max(0, Math.floor(rect.y));
        const x1 = Math.min(width, Math.ceil(rect.x + rect.width));
        const y1 = Math.min(height, Math.ceil(rect.y + rect.height));
        for (let y = y0; y < y1; y++) excluded.fill(1, y * width + x0, Math.max(y * width + x0, y * width + x1));
      }
      const diff = new ImageData(width, height);
      let compared = 0;
      let differing = 0;
      let differingStrict = 0;
      for (let i = 0; i < width * height; i++) {
        const o = i * 4;
        if (excluded[i]) {
          diff.data.set([80, 120, 255, 255], o);
          continue;
        }
        compared++;
        let worst = 0;
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(first.data[o + c]! - second.data[o + c]!));
        if (worst > 0) differingStrict++;
        if (worst > tolerance) {
          differing++;
          diff.data.set([255, 0, 0, 255], o);
        } else {
          const grey = 255 - Math.round((255 - (first.data[o]! + first.data[o + 1]! + first.data[o + 2]!) / 3) * 0.25);
          diff.data.set([grey, grey, grey, 255], o);
        }
      }
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')!.putImageData(diff, 0, 0);
      return { width, height, compared, differing, differingStrict, diffUrl: canvas.toDataURL('image/png') };
    },
    {
      a: `data:image/png;base64,${a.toString('base64')}`,
      b: `data:image/png;base64,${b.toString('base64')}`,
      exclude: [...options.exclude],
      tolerance: options.tolerance,
    },
  );
  return {
    width: result.width,
    height: result.height,
    compared: result.compared,
    differing: result.differing,
    differingStrict: result.differingStrict,
    share: result.compared === 0 ? 1 : result.differing / result.compared,
    diffPng: Buffer.from(result.diffUrl.slice(result.diffUrl.indexOf(',') + 1), 'base64'),
  };
}
