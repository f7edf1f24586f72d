import { append, repeat } from '../../../src/common/decider.js';
import { designationDecider } from '../../../src/policy/domain/designation.decider.js';
import type { DesignationContent, DesignationEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict, NotFound } from '../../../src/common/errors.js';
import { fieldsOf, given, thrownBy } from './given.js';

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
    expect(given(designationDecider).when({ type: 'DesignateData', data: roadData })).toEqual(append(designated));
    expect(given(designationDecider, [designated]).when({ type: 'DesignateData', data: roadData })).toEqual(repeat(designated));
    expect(thrownBy(() => given(designationDecider, [designated]).when({ type: 'DesignateData', data: { ...roadData, classification: 'core' } }))).toBeInstanceOf(
      Conflict,
    );
  });

  it('names an unknown classification and an unordered interval', () => {
    const bad = { ...roadData, classification: 'secret', effectiveUntil: '2021-09-30' } as unknown as DesignationContent;
    expect(fieldsOf(() => given(designationDecider).when({ type: 'DesignateData', data: bad }))).toEqual(['effectiveUntil', 'classification']);
  });

  it('amends to core and answers a repeat of that amendment with it', () => {
    const amended: DesignationEvent = { type: 'DesignationAmended', data: { ...roadData, classification: 'core' } };
    const command = { type: 'AmendDesignation' as const, designationId: roadData.designationId, data: amended.data };
    expect(given(designationDecider, [designated]).when(command)).toEqual(append(amended));
    expect(given(designationDecider, [designated, amended]).when(command)).toEqual(repeat(amended));
    expect(thrownBy(() => given(designationDecider).when(command))).toBeInstanceOf(NotFound);
  });

  it('lifts from a date, once', () => {
    const lifted: DesignationEvent = { type: 'DesignationLifted', data: { designationId: roadData.designationId, effectiveFrom: '2025-01-01' } };
    const lift = (effectiveFrom: string) => ({ type: 'LiftDesignation' as const, data: { designationId: roadData.designationId, effectiveFrom } });
    expect(given(designationDecider, [designated]).when(lift('2025-01-01'))).toEqual(append(lifted));
    expect(given(designationDecider, [designated, lifted]).when(lift('2025-01-01'))).toEqual(repeat(lifted));
    expect(thrownBy(() => given(designationDecider, [designated, lifted]).when(lift('2025-06-01')))).toBeInstanceOf(Conflict);
    expect(thrownBy(() => given(designationDecider).when(lift('2025-01-01')))).toBeInstanceOf(NotFound);
  });
});
