import { expect, it } from 'vitest';
import {
  availableActions,
  checkTransition,
  isFinal,
  recordStates,
  transitions,
  type RecordState,
  type TransitionAction,
} from './lifecycle.ts';

it('walks the main path approved → registered → in use → expired → reclaiming → accepted', () => {
  const path: [TransitionAction, string][] = [
    ['register', 'REGISTERED'],
    ['start_use', 'WORKS_STARTED'],
    ['expire', 'TERM_ENDED'],
    ['start_reclamation', 'USE_ENDED'],
    ['accept', 'RECLAMATION_ACCEPTED'],
  ];
  let state: RecordState = 'approved';
  for (const [action, reason] of path) {
    const result = checkTransition(state, action, reason);
    if (!result.ok) throw new Error(result.messageEn);
    state = result.to;
  }
  expect(state).toBe('accepted');
  expect(isFinal(state)).toBe(true);
});

it('refuses illegal transitions with the allowed actions named, in both languages', () => {
  const result = checkTransition('accepted', 'extend', 'EXTENSION_APPROVED');
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe('TRANSITION_NOT_ALLOWED');
  expect(result.messageEn).toContain('final state');
  expect(result.messageZh).toContain('复垦已验收');
  const early = checkTransition('approved', 'accept', 'RECLAMATION_ACCEPTED');
  expect(early.ok).toBe(false);
  if (!early.ok) expect(early.messageEn).toContain('register');
});

it('requires a reason code from the transition list', () => {
  const result = checkTransition('in_use', 'write_off', 'BECAUSE');
  expect(result).toMatchObject({ ok: false, code: 'TRANSITION_REASON' });
  expect(checkTransition('in_use', 'write_off', 'PERMANENT_STRUCTURE')).toEqual({
    ok: true,
    to: 'written_off',
  });
});

it('keeps extension, reassignment and conversion where the rules put them', () => {
  expect(checkTransition('expired', 'extend', 'TRANSITIONAL_CONTINUATION')).toEqual({
    ok: true,
    to: 'in_use',
  });
  expect(checkTransition('in_use', 'reassign', 'REASSIGNED_WITH_CONSENT')).toEqual({
    ok: true,
    to: 'in_use',
  });
  expect(checkTransition('expired', 'reassign', 'REASSIGNED_WITH_CONSENT').ok).toBe(false);
  expect(checkTransition('reclaiming', 'convert', 'CONVERTED_TO_CONSTRUCTION_LAND')).toEqual({
    ok: true,
    to: 'converted',
  });
  expect(availableActions('written_off')).toEqual([]);
  expect(availableActions('converted')).toEqual([]);
});

it('gives every transition at least one reason and only known states', () => {
  for (const rule of Object.values(transitions)) {
    expect(rule.reasons.length).toBeGreaterThan(0);
    for (const s of [...rule.from, rule.to]) expect(recordStates).toContain(s);
  }
});
