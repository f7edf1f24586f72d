import { designationDecider } from '../../../src/policy/domain/designation.decider.js';
import type { DesignationContent, DesignationEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict, NotFound } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

const roadData: DesignationContent = {
  designationId: 'cn-auto-road-data',
  field: 'icv',
  category: 'road/exterior-video',
  classification: 'important',
  effectiveFrom: '2021-10-01',
};
const designated: DesignationEvent = { type: 'DataDesignated', data: roadData };

describe('designation decider', () => {
  it('designates, repeats the identical designation, and refuses other content under the same id', () => {
    given(designationDecider).when({ type: 'DesignateData', data: roadData }).then(designated);
    given(designationDecider, [designated]).when({ type: 'DesignateData', data: roadData }).thenRepeats(designated);
    given(designationDecider, [designated]).when({ type: 'DesignateData', data: { ...roadData, classification: 'core' } }).thenThrows(Conflict);
  });

  it('names an unknown classification and an unordered interval', () => {
    const bad = { ...roadData, classification: 'secret', effectiveUntil: '2021-09-30' } as unknown as DesignationContent;
    expect(given(designationDecider).when({ type: 'DesignateData', data: bad }).thenInvalid()).toEqual(['effectiveUntil', 'classification']);
  });

  it('amends to core and answers a repeat of that amendment with it', () => {
    const amended: DesignationEvent = { type: 'DesignationAmended', data: { ...roadData, classification: 'core' } };
    const command = { type: 'AmendDesignation' as const, designationId: roadData.designationId, data: amended.data };
    given(designationDecider, [designated]).when(command).then(amended);
    given(designationDecider, [designated, amended]).when(command).thenRepeats(amended);
    given(designationDecider).when(command).thenThrows(NotFound);
  });

  it('lifts from a date, once', () => {
    const lifted: DesignationEvent = { type: 'DesignationLifted', data: { designationId: roadData.designationId, effectiveFrom: '2025-01-01' } };
    const lift = (effectiveFrom: string) => ({ type: 'LiftDesignation' as const, data: { designationId: roadData.designationId, effectiveFrom } });
    given(designationDecider, [designated]).when(lift('2025-01-01')).then(lifted);
    given(designationDecider, [designated, lifted]).when(lift('2025-01-01')).thenRepeats(lifted);
    given(designationDecider, [designated, lifted]).when(lift('2025-06-01')).thenThrows(Conflict);
    given(designationDecider).when(lift('2025-01-01')).thenThrows(NotFound);
  });
});
