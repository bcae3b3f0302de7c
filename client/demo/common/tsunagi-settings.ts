/**
 * The widget reads `window.TsunagiSettings` when sharing starts (and a frame
 * when it is invited), so a page may set it after the async widget tag ran.
 * See docs/operations.md, "Embedding the widget".
 */
export interface DemoTsunagiSettings {
  frameOrigins?: string[];
  parentOrigins?: string[];
}

export function addTsunagiSettings(settings: DemoTsunagiSettings): void {
  const w = window as unknown as { TsunagiSettings?: Record<string, unknown> };
  w.TsunagiSettings = { ...w.TsunagiSettings, ...settings };
}
