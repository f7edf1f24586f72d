import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../common/errors.js';
import { ID_PATTERN, ID_RULE } from '../common/ids.js';

/** Validates an id in the path (`/v1/regimes/{regimeId}`) by the one id grammar, naming the parameter. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw ValidationFailed.of(metadata.data ?? 'id', `must be ${ID_RULE}`);
    return value;
  }
}
