import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The worker `name` beside the module at `moduleUrl` (pass `import.meta.url`): the built `.js`,
 * or, run from the TypeScript sources (the tests, under tsx), the `.ts` with tsx's hooks
 * registered in the worker first (Node 20 gives a worker none of its parent's module hooks).
 */
export function startWorker(moduleUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const extension = extname(fileURLToPath(moduleUrl));
  const url = new URL(`./${name}${extension}`, moduleUrl);
  if (extension !== '.ts') return new Worker(url, options);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}
