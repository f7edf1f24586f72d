import { ApiProperty } from '@nestjs/swagger';
import { PolicyFactDto } from '../get-policy-fact/policy-fact.dto.js';
import type { PolicyFactListing } from './list-policy-facts.query.js';

/** OpenAPI description of a policy listing (list-policy-facts.query.ts is the type). */
export class PolicyFactListingDto implements PolicyFactListing {
  @ApiProperty({ type: [PolicyFactDto], description: 'in id order, each as GET of the fact answers at the cut' }) items!: PolicyFactDto[];
  @ApiProperty({ example: '42', description: 'the knowledge cut of every page of this listing' }) cut!: string;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page (same cut); null on the last page' }) nextCursor!: string | null;
}
