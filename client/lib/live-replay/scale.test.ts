import { describe, expect, it } from 'vitest';
import { fitViewport } from './scale.ts';

describe('fitViewport', () => {
  it('shrinks a wide viewport to the width available', () => {
    expect(fitViewport({ width: 1280, height: 720 }, { width: 640, height: 600 })).toEqual({ scale: 0.5, width: 640, height: 360 });
  });

  it('shrinks a tall viewport to the height available', () => {
    const fit = fitViewport({ width: 390, height: 844 }, { width: 1000, height: 422 });
    expect(fit.scale).toBe(0.5);
    expect(fit.height).toBe(422);
  });

  it('does not enlarge past 1:1 unless asked', () => {
    expect(fitViewport({ width: 390, height: 844 }, { width: 2000, height: 2000 }).scale).toBe(1);
    expect(fitViewport({ width: 500, height: 500 }, { width: 1000, height: 2000 }, 4).scale).toBe(2);
  });

  it('survives an unknown or collapsed size', () => {
    expect(fitViewport({ width: 0, height: 0 }, { width: 800, height: 600 }).scale).toBe(1);
    expect(fitViewport({ width: 800, height: 600 }, { width: -10, height: 0 }).scale).toBe(1);
  });
});
