import { Module } from '@nestjs/common';
import { CheckHealthHandler } from './check-health.handler.js';
import { HealthController } from './health.controller.js';

/** `GET /health` (public). */
@Module({ controllers: [HealthController], providers: [CheckHealthHandler] })
export class HealthModule {}
