import { describe, expect, it } from 'vitest';
import {
	currentSlotView,
	nextSlot,
	projectTrack,
	trackEnd,
	urgencyOf,
	type ProjectedSlot
} from '#shared/schedule.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, gapAgenda, live } from './fixtures.ts';

const planned = plannedTimer('main');

/** [id, status, start and drift in minutes after T0] for compact exact comparisons */
const rows = (projection: ProjectedSlot[]) =>
	projection.map((p) => [
		p.slot.id,
		p.status,
		(p.start - T0) / MIN,
		(p.end - T0) / MIN,
		p.driftMs / MIN
	]);

describe('projection of a planned track', () => {
	it('follows the plan: past, the slot on now, then upcoming, all on time', () => {
		expect(rows(projectTrack(agenda, planned, T0 + 20 * MIN))).toEqual([
			['s0', 'past', 0, 15, 0],
			['s1', 'current', 15, 45, 0],
			['s2', 'upcoming', 45, 60, 0],
			['s3', 'upcoming', 60, 90, 0],
			['s4', 'upcoming', 90, 105, 0]
		]);
	});

	it('has no current slot in a gap', () => {
		const statuses = projectTrack(gapAgenda, planned, T0 + 20 * MIN).map((p) => p.status);
		expect(statuses).toEqual(['past', 'upcoming']);
	});

	it('treats the planned end as the start of the next slot', () => {
		const statuses = projectTrack(agenda, planned, T0 + 15 * MIN).map((p) => p.status);
		expect(statuses.slice(0, 2)).toEqual(['past', 'current']);
	});
});

describe('projection of a live track', () => {
	it('keeps everything on time while the running slot is on schedule', () => {
		expect(rows(projectTrack(agenda, live(), T0 + 5 * MIN))).toEqual([
			['s0', 'current', 0, 15, 0],
			['s1', 'upcoming', 15, 45, 0],
			['s2', 'upcoming', 45, 60, 0],
			['s3', 'upcoming', 60, 90, 0],
			['s4', 'upcoming', 90, 105, 0]
		]);
	});

	it('pushes every later slot, break included, by an overrun', () => {
		expect(rows(projectTrack(agenda, live(), T0 + 17 * MIN))).toEqual([
			['s0', 'current', 0, 17, 0],
			['s1', 'upcoming', 17, 47, 2],
			['s2', 'upcoming', 47, 62, 2],
			['s3', 'upcoming', 62, 92, 2],
			['s4', 'upcoming', 92, 107, 2]
		]);
	});

	it('pushes later slots by a late start', () => {
		const timer = live({ startedAt: T0 + 5 * MIN });
		expect(rows(projectTrack(agenda, timer, T0 + 6 * MIN)).slice(0, 2)).toEqual([
			['s0', 'current', 5, 20, 5],
			['s1', 'upcoming', 20, 50, 5]
		]);
	});

	it('does not pull later slots in after an early finish', () => {
		const ended = live({ phase: 'finished', pausedAt: T0 + 10 * MIN });
		expect(rows(projectTrack(agenda, ended, T0 + 11 * MIN)).slice(0, 3)).toEqual([
			['s0', 'past', 0, 10, 0],
			['s1', 'upcoming', 15, 45, 0],
			['s2', 'upcoming', 45, 60, 0]
		]);
	});

	it('starts a slot early when the chair moves on early, without pulling the rest in', () => {
		const timer = live({ slotId: 's1', startedAt: T0 + 10 * MIN, durationMs: 30 * MIN });
		expect(rows(projectTrack(agenda, timer, T0 + 11 * MIN)).slice(0, 3)).toEqual([
			['s0', 'past', 0, 15, 0],
			['s1', 'current', 10, 40, -5],
			['s2', 'upcoming', 45, 60, 0]
		]);
	});

	it('never projects an upcoming slot into the past while no slot is on', () => {
		const ended = live({ phase: 'finished', pausedAt: T0 + 14 * MIN });
		expect(rows(projectTrack(agenda, ended, T0 + 20 * MIN)).slice(1, 3)).toEqual([
			['s1', 'upcoming', 20, 50, 5],
			['s2', 'upcoming', 50, 65, 5]
		]);
	});

	it('lets a paused slot end its remaining time from now', () => {
		const paused = live({ phase: 'paused', pausedAt: T0 + 5 * MIN });
		expect(rows(projectTrack(agenda, paused, T0 + 9 * MIN)).slice(0, 2)).toEqual([
			['s0', 'current', 0, 19, 0],
			['s1', 'upcoming', 19, 49, 4]
		]);
	});

	it('ends a paused overrunning slot now at the earliest', () => {
		const paused = live({ phase: 'paused', pausedAt: T0 + 16 * MIN });
		expect(rows(projectTrack(agenda, paused, T0 + 20 * MIN)).slice(0, 2)).toEqual([
			['s0', 'current', 0, 20, 0],
			['s1', 'upcoming', 20, 50, 5]
		]);
	});

	it('counts an earlier pause and an extension in the running slot', () => {
		const timer = live({ pausedMs: 2 * MIN, durationMs: 18 * MIN });
		expect(rows(projectTrack(agenda, timer, T0 + 5 * MIN)).slice(0, 2)).toEqual([
			['s0', 'current', 0, 20, 0],
			['s1', 'upcoming', 20, 50, 5]
		]);
	});

	it('lets a late-running agenda catch up across a long break only when it is shortened', () => {
		const timer = live({ slotId: 's2', startedAt: T0 + 55 * MIN });
		const projection = projectTrack(agenda, timer, T0 + 56 * MIN);
		expect(rows(projection).slice(2)).toEqual([
			['s2', 'current', 55, 70, 10],
			['s3', 'upcoming', 70, 100, 10],
			['s4', 'upcoming', 100, 115, 10]
		]);
		const shortBreak = agenda.map((s) => (s.id === 's3' ? { ...s, plannedMinutes: 20 } : s));
		expect(rows(projectTrack(shortBreak, timer, T0 + 56 * MIN)).slice(3)).toEqual([
			['s3', 'upcoming', 70, 90, 10],
			['s4', 'upcoming', 90, 105, 0]
		]);
	});

	it('follows the plan when the live slot has left the agenda', () => {
		const orphan = live({ slotId: 'gone' });
		expect(projectTrack(agenda, orphan, T0 + 20 * MIN)).toEqual(
			projectTrack(agenda, planned, T0 + 20 * MIN)
		);
	});

	it('orders slots by position whatever order they come in', () => {
		const shuffled = [agenda[2]!, agenda[4]!, agenda[0]!, agenda[3]!, agenda[1]!];
		const projection = projectTrack(shuffled, live(), T0 + MIN);
		expect(projection.map((p) => [p.slot.id, p.index])).toEqual([
			['s0', 0],
			['s1', 1],
			['s2', 2],
			['s3', 3],
			['s4', 4]
		]);
	});
});

describe('nextSlot', () => {
	it('is the first upcoming slot', () => {
		expect(nextSlot(projectTrack(agenda, live(), T0 + 17 * MIN))?.slot.id).toBe('s1');
		const ended = live({ phase: 'finished', pausedAt: T0 + 10 * MIN });
		expect(nextSlot(projectTrack(agenda, ended, T0 + 11 * MIN))?.slot.id).toBe('s1');
	});

	it('is null on the last slot and after the agenda', () => {
		expect(nextSlot(projectTrack(agenda, live({ slotId: 's4' }), T0 + 95 * MIN))).toBeNull();
		expect(nextSlot(projectTrack(agenda, planned, T0 + 200 * MIN))).toBeNull();
	});
});

describe('currentSlotView', () => {
	it('follows the planned clock on a planned track', () => {
		expect(currentSlotView(agenda, planned, T0 + 5 * MIN)).toEqual({
			slot: agenda[0],
			index: 0,
			phase: 'planned',
			elapsedMs: 5 * MIN,
			remainingMs: 10 * MIN,
			durationMs: 15 * MIN,
			progress: 1 / 3,
			urgency: 'normal'
		});
	});

	it('is null when the plan has nothing on: before, in a gap, after', () => {
		expect(currentSlotView(agenda, planned, T0 - 1)).toBeNull();
		expect(currentSlotView(gapAgenda, planned, T0 + 20 * MIN)).toBeNull();
		expect(currentSlotView(agenda, planned, T0 + 105 * MIN)).toBeNull();
	});

	it('is null once the slot is finished or has left the agenda', () => {
		const ended = live({ phase: 'finished', pausedAt: T0 + 10 * MIN });
		expect(currentSlotView(agenda, ended, T0 + 11 * MIN)).toBeNull();
		expect(currentSlotView(agenda, live({ slotId: 'gone' }), T0 + MIN)).toBeNull();
	});

	it('gives the live numbers of a running slot, pauses excluded', () => {
		const view = currentSlotView(agenda, live({ pausedMs: MIN }), T0 + 4 * MIN);
		expect(view).toMatchObject({
			index: 0,
			phase: 'running',
			elapsedMs: 3 * MIN,
			remainingMs: 12 * MIN,
			durationMs: 15 * MIN,
			progress: 0.2
		});
	});

	it('freezes the numbers of a paused slot', () => {
		const paused = live({ phase: 'paused', pausedAt: T0 + 3 * MIN });
		expect(currentSlotView(agenda, paused, T0 + 9 * MIN)).toMatchObject({
			phase: 'paused',
			elapsedMs: 3 * MIN,
			remainingMs: 12 * MIN
		});
	});

	it('clamps progress to 1 in overtime and counts remaining below zero', () => {
		const view = currentSlotView(agenda, live(), T0 + 16 * MIN);
		expect(view).toMatchObject({ remainingMs: -MIN, progress: 1, urgency: 'overtime' });
	});

	it('turns a talk amber at two minutes left and red past zero', () => {
		const at = (remaining: number) =>
			currentSlotView(agenda, live(), T0 + 15 * MIN - remaining)?.urgency;
		expect(at(2 * MIN + 1)).toBe('normal');
		expect(at(2 * MIN)).toBe('warning');
		expect(at(0)).toBe('warning');
		expect(at(-1)).toBe('overtime');
	});

	it('turns a discussion amber at five minutes left', () => {
		const discussion = live({ slotId: 's1', startedAt: T0 + 15 * MIN, durationMs: 30 * MIN });
		const at = (remaining: number) =>
			currentSlotView(agenda, discussion, T0 + 45 * MIN - remaining)?.urgency;
		expect(at(5 * MIN + 1)).toBe('normal');
		expect(at(5 * MIN)).toBe('warning');
		expect(at(4 * MIN)).toBe('warning');
		expect(at(-1)).toBe('overtime');
	});

	it('uses the two-minute warning for breaks and other slots', () => {
		expect(urgencyOf('break', 3 * MIN)).toBe('normal');
		expect(urgencyOf('break', 2 * MIN)).toBe('warning');
		expect(urgencyOf('other', 2 * MIN)).toBe('warning');
		expect(urgencyOf('talk', 4 * MIN)).toBe('normal');
		expect(urgencyOf('discussion', 4 * MIN)).toBe('warning');
	});
});

describe('the projected end of the track', () => {
	it('is the last slot’s projected end, with how far it is past the planned end', () => {
		const overrun = projectTrack(agenda, live(), T0 + 17 * MIN);
		expect(trackEnd(overrun)).toEqual({
			end: T0 + 107 * MIN,
			plannedEnd: T0 + 105 * MIN,
			overMs: 2 * MIN
		});
	});

	it('is on time for a track that follows the plan, and null for an empty track', () => {
		expect(trackEnd(projectTrack(agenda, planned, T0))?.overMs).toBe(0);
		expect(trackEnd([])).toBeNull();
	});
});
