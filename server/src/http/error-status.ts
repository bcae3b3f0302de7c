import type { ErrorCode } from '@tsunagi/shared';

/** The HTTP status of each refusal code, for the API's error replies (sockets carry the code itself). */
export const httpStatusFor: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  out_of_order: 409,
  session_ended: 410,
  already_taken: 409,
  code_invalid: 404,
  rate_limited: 429,
  conflict: 409,
  // Sockets only (the widget's hello); as HTTP it would be a client to upgrade.
  outdated_client: 426,
  internal: 500,
};
