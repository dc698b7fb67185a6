// Worker thread for index builds: segments batches of paragraphs (the TS modules load through tsx).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { initSegmenter } = await import('../text/segment.ts');
const { segmentBatch } = await import('./analyze.ts');
initSegmenter(workerData.userDict);

parentPort.on('message', (message) => {
  const result = segmentBatch(message.texts);
  parentPort.postMessage({ id: message.id, ...result }, [result.wordCounts.buffer]);
});
parentPort.postMessage({ ready: true });
