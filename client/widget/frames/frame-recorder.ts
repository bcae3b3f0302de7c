/**
 * What a frame fetches once a sharing top page invites it (loader/lazy.ts,
 * `loadRecorder`): the recorder, and the answers to the parent's watches.
 */
export { startRecording } from '../recording/recorder.ts';
export { NodeWatches } from './node-watches.ts';
