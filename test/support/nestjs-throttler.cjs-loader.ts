/**
 * `@nestjs/throttler` for jest. The package is CommonJS and requires `@nestjs/common`, which is
 * ESM only since NestJS 12; Node ≥ 20.19 loads that (require(esm)), jest's module runtime on Node
 * 20 does not ("Must use import to load ES Module"). jest.config.js maps `@nestjs/throttler` here:
 * this evaluates the package's own files unchanged, with a `require` that hands them the same
 * `@nestjs/common` and `@nestjs/core` the app under test imports (one HttpException class, one
 * set of decorators). Only the running ledger and the tests differ in how it is loaded.
 */
import * as nestCommon from '@nestjs/common';
import * as nestCore from '@nestjs/core';
import * as asyncHooks from 'node:async_hooks';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { dirname, join } from 'node:path';
import type * as Throttler from '@nestjs/throttler';

const EXTERNAL: Record<string, unknown> = {
  '@nestjs/common': nestCommon,
  '@nestjs/core': nestCore,
  async_hooks: asyncHooks,
  'node:crypto': crypto,
  net,
};

const loaded = new Map<string, { exports: unknown }>();

function load(file: string): unknown {
  const cached = loaded.get(file);
  if (cached) return cached.exports;
  const module = { exports: {} as unknown };
  loaded.set(file, module);
  const require = (id: string): unknown => {
    if (id.startsWith('./')) return load(join(dirname(file), `${id.slice(2)}.js`));
    if (id in EXTERNAL) return EXTERNAL[id];
    throw new Error(`@nestjs/throttler under jest: ${file} requires ${id}, which nestjs-throttler.cjs-loader.ts does not provide`);
  };
  new Function('exports', 'require', 'module', readFileSync(file, 'utf8'))(module.exports, require, module);
  return module.exports;
}

const throttler = load(join(process.cwd(), 'node_modules/@nestjs/throttler/dist/index.js')) as typeof Throttler;

export const {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerException,
  ThrottlerModule,
  ThrottlerStorageService,
} = throttler;
