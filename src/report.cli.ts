import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import cliProgress from 'cli-progress';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { LedgerConfigModule } from './config/config.module.js';
import { DEFAULT_CONFIG } from './config/ledger-config.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { KnowledgeCutModule } from './knowledge-cut/knowledge-cut.module.js';
import { KnowledgeCuts } from './knowledge-cut/knowledge-cuts.js';
import { LegalityModule } from './legality/legality.module.js';
import { JsonLogger } from './logging/json.logger.js';
import { RenderReportHandler } from './reports/queries/render-report/render-report.handler.js';
import { RenderReportQuery, type OfflineReport } from './reports/queries/render-report/render-report.query.js';
import { writeCsv, writeJson, type TextSink } from './reports/rendering/report-output.js';
import { ReportRenderer } from './reports/report.renderer.js';
import { ValidationFailed } from './common/errors.js';
import { systemClock } from './common/clock.js';

/**
 * `npm run report -- --kind <kind> --param name=value … [--position N] [--format csv|json] [--out file]`
 * (docs/api.md §14 "Offline"): renders a report from the store named by EVENT_STORE_URL, as
 * `GET /v1/reports/{id}` would at that cut, without recording anything. The read model reads the
 * log first; a progress bar on stderr follows that and then the rendering.
 */

export const REPORT_USAGE =
  'usage: cli.ts report --kind <company-transfers|illegal-transfers|zone-pilot|verdict-drift|policy-changes> --param name=value … [--position N] [--format csv|json] [--out file]';

export class UsageError extends Error {}

interface ReportArguments {
  readonly kind: string;
  readonly parameters: Record<string, string>;
  readonly position?: string;
  readonly format: 'csv' | 'json';
  readonly out?: string;
}

export function parseReportArguments(args: readonly string[]): ReportArguments {
  let kind: string | undefined;
  let position: string | undefined;
  let format: 'csv' | 'json' = 'csv';
  let out: string | undefined;
  const parameters: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${REPORT_USAGE}`);
    i++;
    if (flag === '--kind') kind = value;
    else if (flag === '--position') position = value;
    else if (flag === '--out') out = value;
    else if (flag === '--format') {
      if (value !== 'csv' && value !== 'json') throw new UsageError(`--format must be csv or json\n${REPORT_USAGE}`);
      format = value;
    } else if (flag === '--param') {
      const at = value.indexOf('=');
      if (at <= 0) throw new UsageError(`--param takes name=value, not ${value}\n${REPORT_USAGE}`);
      parameters[value.slice(0, at)] = value.slice(at + 1);
    } else throw new UsageError(`unknown option ${flag}\n${REPORT_USAGE}`);
  }
  if (kind === undefined) throw new UsageError(`--kind is required\n${REPORT_USAGE}`);
  return { kind, parameters, position, format, out };
}

/** The store, the legality read model and the report renderer: no HTTP, nothing logged. */
@Module({})
class ReportCliModule {
  static forStore(url: string): DynamicModule {
    return {
      module: ReportCliModule,
      imports: [
        LedgerConfigModule.forRoot({ ...DEFAULT_CONFIG, eventStoreUrl: url }, systemClock, new JsonLogger('silent')),
        EventStoreModule.forRoot(url),
        CqrsModule.forRoot(),
        KnowledgeCutModule,
        LegalityModule,
      ],
      providers: [ReportRenderer, RenderReportHandler],
    };
  }
}

/** A file stream (or stdout) as a sink that waits on backpressure. */
const streamSink = (stream: NodeJS.WritableStream): TextSink => ({
  write: (text) => {
    if (!stream.write(text)) return once(stream, 'drain').then(() => undefined);
  },
});

/** Where the command writes: the report (without --out) and the progress and problems. */
export interface ReportIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Renders the report; exit code 0, or 2 with the problems on stderr. */
export async function report(url: string, args: readonly string[], io: ReportIo = process): Promise<number> {
  const options = parseReportArguments(args);
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const app = await NestFactory.createApplicationContext(ReportCliModule.forStore(url), { logger: false, abortOnError: false });
  let file: WriteStream | undefined;
  try {
    const cuts = app.get(KnowledgeCuts);
    const head = Number((await app.get<EventStore>(EVENT_STORE).headPosition()) ?? 0n);
    bar.start(Math.max(head, 1), 0, { phase: 'reading the log' });
    const reading = setInterval(() => bar.update(Number(cuts.reached)), 200);
    let rendered: OfflineReport;
    try {
      rendered = await app.get(QueryBus).execute(new RenderReportQuery(options.kind, options.parameters, options.position));
    } finally {
      clearInterval(reading);
    }
    bar.setTotal(Math.max(rendered.table.steps, 1));
    bar.update(0, { phase: `rendering ${rendered.kind} at ${rendered.cut}` });
    const progress = (done: number) => {
      if (done % 1000 === 0 || done === rendered.table.steps) bar.update(done);
    };
    file = options.out === undefined ? undefined : createWriteStream(options.out);
    const sink = streamSink(file ?? io.stdout);
    const digest =
      options.format === 'csv'
        ? await writeCsv(rendered.table, sink, progress)
        : await writeJson(rendered.table, { cut: rendered.cut, kind: rendered.kind, parameters: rendered.parameters, seal: rendered.seal }, sink, progress);
    bar.update(rendered.table.steps);
    bar.stop();
    if (file) {
      file.end();
      await once(file, 'finish');
    }
    const seal = `seal: tree size ${rendered.seal.treeSize}, root ${rendered.seal.rootHash}`;
    io.stderr.write(`${rendered.kind} at position ${rendered.cut}: contentSha256 ${digest}, ${seal}${options.out ? ` → ${options.out}` : ''}\n`);
    return 0;
  } catch (error) {
    bar.stop();
    file?.destroy();
    if (error instanceof ValidationFailed) {
      io.stderr.write(`${error.problems.map((p) => `${p.field} ${p.reason}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  } finally {
    await app.close();
  }
}
