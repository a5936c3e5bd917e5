import { describe, expect, it } from 'vitest';
import { outcomeDepartments, synthesisDepartments } from '../../src-renderer/features/voice/access';

const voirie = '0190a000-0000-7000-8000-00000000d001';
const espacesVerts = '0190a000-0000-7000-8000-00000000d002';
const sports = '0190a000-0000-7000-8000-00000000d003';

describe('the departments the voice pages open on', () => {
  it('puts the departments a supervisor steers before those they serve at the desk', () => {
    // As the demo's responsable.sports: counter agent everywhere, supervisor of Sports.
    const agent = {
      roles: [
        { departmentId: espacesVerts, role: 'counter' as const },
        { departmentId: voirie, role: 'counter' as const },
        { departmentId: sports, role: 'counter' as const },
        { departmentId: sports, role: 'supervisor' as const },
      ],
    };
    expect(synthesisDepartments(agent)).toEqual([sports, espacesVerts, voirie]);
    expect(outcomeDepartments(agent)).toEqual([sports]);
  });

  it('keeps the roles’ order for an agent who steers none', () => {
    const agent = {
      roles: [
        { departmentId: voirie, role: 'counter' as const },
        { departmentId: sports, role: 'field' as const },
      ],
    };
    expect(synthesisDepartments(agent)).toEqual([voirie, sports]);
  });
});
