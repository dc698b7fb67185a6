// Worker thread for index loading: reads each file of a build, checks it, inflates it, hands it over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { crc32, inflateRawSync } from 'node:zlib';

// Files go in the order asked, each as soon as it is ready, so that the loading thread works on
// one while this thread reads the next. A file's bytes are moved, not copied.
// The loading thread sets the flag to stop early (a damaged file ends loading): the loop ends between
// files, since terminating a thread inside zlib aborts the whole process in Node 20.
const stop = new Int32Array(workerData.stop);

for (const { name, bytes, crc32: expected, deflated } of workerData.files) {
  if (Atomics.load(stop, 0) === 1) break;
  let content;
  try {
    content = readFileSync(join(workerData.dir, name));
  } catch (error) {
    parentPort.postMessage({ name, problem: 'missing', detail: String(error?.message ?? error) });
    continue;
  }
  if (content.byteLength !== bytes || crc32(content) !== expected) {
    parentPort.postMessage({ name, problem: 'damaged' });
    continue;
  }
  if (deflated) {
    try {
      content = inflateRawSync(content);
    } catch (error) {
      parentPort.postMessage({ name, problem: 'damaged', detail: String(error?.message ?? error) });
      continue;
    }
  }
  // Small buffers can share Node's buffer pool, which must not be moved away: copy those.
  const own =
    content.byteOffset === 0 && content.buffer.byteLength === content.byteLength ? content : Uint8Array.from(content);
  parentPort.postMessage({ name, content: own }, [own.buffer]);
}
