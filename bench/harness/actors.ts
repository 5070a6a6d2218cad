// Who benchmarks act as: a ministry administrator as the API sees one, so that work runs in
// scope as reclaim_app under row-level security, as requests do.
import type { Actor } from '../../src/identity/domain/actor.ts';

export const ministryUser: Actor = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'bench',
  role: 'ministry',
  divisionCode: '000000',
  isAdmin: true,
};
