import { newTabId, storedTabId } from './tab-presence.ts';
import { randomStreamId } from '../transport/random-id.ts';

/**
 * Browsers copy sessionStorage into a duplicated tab (Chrome's "Duplicate",
 * and window.open in some browsers), so the copy starts with the original's
 * tab id and the server would take two live tabs for one. A page that finds
 * a stored id therefore asks the other live pages of the origin whether one
 * holds it — a claim on a BroadcastChannel — and takes a new id if one
 * answers within CLAIM_WINDOW_MS. The controller waits for that before its
 * first hello (it runs while the config loads and the socket connects).
 *
 * A reload, or the next page of the same tab, must keep the id: its old page
 * is normally gone; the page in the bfcache has closed its channel
 * (pagehide) and cannot answer; and a page still unloading, or another
 * widget on the same tab's storage, sees its own tab's storage carry the
 * claimant's nonce (`CLAIM_KEY`, written before the claim) and keeps quiet.
 * A duplicate's storage is a copy: the original never sees that nonce.
 * Without BroadcastChannel the stored id is kept, as before.
 */

/** The nonce of the latest claim made from this tab's storage. */
export const CLAIM_KEY = 'tsunagi.tab.claim';
/** Long enough for a busy background tab to answer; it overlaps the config fetch and the connect. */
export const CLAIM_WINDOW_MS = 300;
const CHANNEL_NAME = 'tsunagi.tab-ids';

type TabIdMessage = { kind: 'claim' | 'taken'; tabId: string; nonce: string };

function asMessage(data: unknown): TabIdMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { kind, tabId, nonce } = data as Record<string, unknown>;
  if ((kind !== 'claim' && kind !== 'taken') || typeof tabId !== 'string' || typeof nonce !== 'string') return null;
  return { kind, tabId, nonce };
}

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export class UniqueTabId {
  private id: string;
  private channel: BroadcastChannel | null = null;
  /** While our own claim is out: its nonce, and how to end it as lost. */
  private claiming: { nonce: string; lost(): void } | null = null;
  /** This page's tab id once no other live page holds it. */
  readonly ready: Promise<string>;

  constructor(
    private readonly storage: Storage | null,
    private readonly openChannel: (name: string) => BroadcastChannel | null,
    windowMs = CLAIM_WINDOW_MS,
  ) {
    const stored = storedTabId(storage);
    this.id = stored ?? newTabId(storage);
    this.listen();
    this.ready = stored !== null && this.channel ? this.claim(windowMs) : Promise.resolve(this.id);
  }

  /** The tab id as it stands (final once `ready` has resolved). */
  get value(): string {
    return this.id;
  }

  /** pagehide: a page in the bfcache is not live, so it must not answer for the tab's next page. */
  sleep(): void {
    this.channel?.close();
    this.channel = null;
  }

  /**
   * pageshow: back from the bfcache, this page holds its tab's id again. (Not
   * claimed anew: a copy made while this page slept would have claimed
   * unanswered; rare, and a new id now would move a live stream to another tab.)
   */
  wake(): void {
    if (!this.channel) this.listen();
  }

  private listen(): void {
    try {
      this.channel = this.openChannel(CHANNEL_NAME);
    } catch {
      this.channel = null;
    }
    this.channel?.addEventListener('message', (event) => this.onMessage(event.data));
  }

  private claim(windowMs: number): Promise<string> {
    const nonce = randomStreamId();
    try {
      this.storage?.setItem(CLAIM_KEY, nonce);
    } catch {
      // storage unavailable: then there was no stored id to claim either
    }
    return new Promise((resolve) => {
      const end = (lost: boolean) => {
        clearTimeout(timer);
        this.claiming = null;
        if (lost) this.id = newTabId(this.storage);
        resolve(this.id);
      };
      const timer = setTimeout(() => end(false), windowMs);
      this.claiming = { nonce, lost: () => end(true) };
      this.channel!.postMessage({ kind: 'claim', tabId: this.id, nonce } satisfies TabIdMessage);
    });
  }

  private onMessage(data: unknown): void {
    const message = asMessage(data);
    if (!message || message.tabId !== this.id) return;
    if (message.kind === 'taken') {
      if (this.claiming?.nonce === message.nonce) this.claiming.lost();
      return;
    }
    // A claim for our id. From a page on our own tab's storage (our tab's next page): keep quiet.
    if (read(this.storage, CLAIM_KEY) === message.nonce) return;
    this.channel?.postMessage({ kind: 'taken', tabId: this.id, nonce: message.nonce } satisfies TabIdMessage);
    // Two copies claiming the same id at once: both give it up (each takes a fresh random one).
    this.claiming?.lost();
  }
}
