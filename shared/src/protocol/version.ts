/** Bumped on any incompatible change to the wire protocol (docs/protocol.md). */
export const PROTOCOL_VERSION = 3;
