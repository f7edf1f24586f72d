import { HttpStatus } from '@nestjs/common';

/** The part of the HTTP response a controller touches (`@Res({passthrough: true})`). */
export interface StatusResponse {
  status(code: number): unknown;
}

/** 201 for a command that appended, 200 for an idempotent repeat answering the first answer (docs/api.md). */
export const setCreatedOrRepeated = (response: StatusResponse, created: boolean): void => {
  response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
};
