import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. Times are epoch milliseconds (bigint columns). */
export interface Database {
  users: UsersTable;
  login_sessions: LoginSessionsTable;
  cobrowse_sessions: CobrowseSessionsTable;
  event_batches: EventBatchesTable;
  chat_messages: ChatMessagesTable;
  customer_tabs: CustomerTabsTable;
  code_attempts: CodeAttemptsTable;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: 'agent' | 'supervisor' | 'admin';
  password_hash: string;
  created_at: number;
}

export interface LoginSessionsTable {
  /** SHA-256 of the cookie value; the cookie itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface CobrowseSessionsTable {
  id: string;
  status: 'waiting' | 'active' | 'ended';
  code: string | null;
  code_expires_at: number | null;
  owner_id: string | null;
  created_at: number;
  consented_at: number;
  ended_at: number | null;
  ended_reason: 'customer' | 'agent' | 'idle' | 'server' | null;
  page_url: string;
  page_title: string;
  page_lang: 'ja' | 'en';
  viewport_width: number;
  viewport_height: number;
  customer_disconnected_at: number | null;
  last_activity_at: number;
  /** The batch holding the latest full snapshot: where a late viewer starts. */
  checkpoint_stream_id: string | null;
  checkpoint_seq: number | null;
  control_state: 'off' | 'requested' | 'granted';
  transfer_note: string | null;
}

export interface EventBatchesTable {
  id: Generated<number>;
  session_id: string;
  stream_id: string;
  seq: number;
  received_at: number;
  has_full_snapshot: number;
  /** JSON array of rrweb events, already masked in the customer's browser. */
  events: string;
  bytes: number;
}

export interface ChatMessagesTable {
  id: string;
  session_id: string;
  sender: 'customer' | 'staff';
  author_id: string | null;
  author_name: string | null;
  author_role: 'agent' | 'supervisor' | 'admin' | null;
  text: string;
  sent_at: number;
}

export interface CustomerTabsTable {
  session_id: string;
  tab_id: string;
  /** The stream of the page the tab shows now. */
  stream_id: string;
  page_url: string;
  page_title: string;
  visible: number;
  opened_at: number;
  /** When the customer last turned to this tab; the latest open tab is the active one. */
  activated_at: number | null;
  /** When its page went away; null while connected (or since a crash, see TabStore). */
  disconnected_at: number | null;
}

export interface CodeAttemptsTable {
  /** `global`, or `agent:<user id>`. */
  scope: string;
  /** Start of the one-minute window the count belongs to (a multiple of 60,000). */
  window_start: number;
  failures: number;
}
