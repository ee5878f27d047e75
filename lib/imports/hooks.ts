// Points where a test can step into a running import (to stop it mid-file the way a
// crash would, or to slow it down). Empty in production; nothing reads them but the
// staging loop.
export type StageChunkInfo = { importId: string; stagedThrough: number; chunk: number; rows: number };

export const importHooks: {
  /** Called after each staged chunk is committed; a throw fails the job there. */
  afterChunk?: (info: StageChunkInfo) => void | Promise<void>;
} = {};
