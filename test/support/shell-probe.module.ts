import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { assertActsFor } from '../../src/auth/acts-for.js';
import { CurrentPrincipal, Roles, type Principal } from '../../src/auth/principal.js';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../../src/event-store/event-store.port.js';
import { Conflict, NotFound, ValidationFailed } from '../../src/common/errors.js';

class ThresholdBody {
  @IsInt()
  @Min(0)
  atLeast!: number;
}

class ProbeBody {
  @IsString()
  title!: string;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => ThresholdBody)
  thresholds!: ThresholdBody[];
}

/** Routes exercising the shell (guard, pipe, filter) without depending on any feature module. */
@Controller('probe')
class ProbeController {
  @Get('regulator')
  @Roles('regulator')
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('unlisted')
  unlisted(): string {
    return 'should never answer';
  }

  @Get('companies/:companyId')
  @Roles('regulator', 'auditor', 'service')
  company(@CurrentPrincipal() principal: Principal, @Param('companyId') companyId: string): { companyId: string } {
    assertActsFor(principal, companyId);
    return { companyId };
  }

  @Post('body')
  @Roles('regulator')
  echo(@Body() body: ProbeBody): { title: string; atLeast: number[]; isInstance: boolean } {
    return { title: body.title, atLeast: body.thresholds.map((t) => t.atLeast), isInstance: body instanceof ProbeBody };
  }

  @Get('not-found')
  @Roles('regulator')
  notFound(): never {
    throw new NotFound('regime', 'r-404');
  }

  @Get('conflict')
  @Roles('regulator')
  conflict(): never {
    throw new Conflict('regime r-1 exists with other content');
  }

  @Get('rejected')
  @Roles('regulator')
  rejected(): never {
    throw new ValidationFailed([
      { field: 'effectiveUntil', reason: 'must be later than effectiveFrom (2024-05-17)' },
      { field: 'title', reason: 'must not be empty' },
    ]);
  }

  @Get('store-down')
  @Roles('regulator')
  storeDown(): never {
    throw new EventStoreUnavailableError('connection refused by esdb://10.0.0.7:2113');
  }

  @Get('raced')
  @Roles('regulator')
  raced(): never {
    throw new WrongExpectedRevisionError('regime-r-1', 3n, 4n);
  }

  @Get('duplicate-id')
  @Roles('regulator')
  duplicateId(): never {
    throw new DuplicateEventIdError('data-list-l-1', '0193a1b2-0000-7000-8000-000000000001');
  }

  @Get('boom')
  @Roles('regulator')
  boom(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [ProbeController] })
export class ShellProbeModule {}
