import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../../shared/errors.js';
import { FACT_ID_PATTERN } from '../domain/policy.streams.js';

/** Validates a fact id in the path (`/v1/regimes/{regimeId}`), naming the parameter. */
@Injectable()
export class FactIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !FACT_ID_PATTERN.test(value)) {
      throw ValidationFailed.of(metadata.data ?? 'id', 'must be 1–128 letters, digits, ".", "_", "-" or ":"');
    }
    return value;
  }
}
