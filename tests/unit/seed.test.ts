import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	SeedFile,
	agendaEnded,
	eventFromSeed,
	rebase,
	seedRuleProblems,
	slotIdFor,
	startOfHour
} from '#shared/seed.ts';
import { EventInfo } from '#shared/schema/event.ts';
import { SlotId } from '#shared/schema/slot.ts';
import { currentSlotView } from '#shared/schedule.ts';
import { formatClock } from '#shared/time-format.ts';
import { plannedTimer, plannedEnd } from '#shared/timer.ts';

const MIN = 60_000;
const LISBON = 'Europe/Lisbon';
const raw: unknown = JSON.parse(
	readFileSync(new URL('../../server/seed/lpc2019-containers-mc.json', import.meta.url), 'utf8')
);
const seed = SeedFile.parse(raw);
const original = eventFromSeed(seed, { rehearsal: false, now: Date.UTC(2030, 0, 1) });
const slotsOf = (event: EventInfo) => event.tracks[0]!.slots;

describe('the seed file', () => {
	it('follows the MC rules: 15-minute talks, discussions up to 30, 360 minutes of content', () => {
		expect(seedRuleProblems(seed)).toEqual([]);
		expect(seed.rules).toEqual({
			talkMinutes: 15,
			discussionMaxMinutes: 30,
			trackContentMinutes: 360
		});
	});

	it('has a morning and an afternoon block, each with a coffee break, around lunch', () => {
		const at = (s: { start: string }) => formatClock(Date.parse(s.start), LISBON);
		const lunch = seed.slots.findIndex((s) => s.title === 'Lunch');
		const morning = seed.slots.slice(0, lunch);
		const afternoon = seed.slots.slice(lunch + 1);
		expect([at(morning[0]!), at(seed.slots[lunch]!), at(afternoon[0]!)]).toEqual([
			'10:00',
			'13:30',
			'15:00'
		]);
		const last = afternoon.at(-1)!;
		expect(formatClock(Date.parse(last.start) + last.minutes * MIN, LISBON)).toBe('18:30');
		for (const block of [morning, afternoon]) {
			expect(block.filter((s) => s.kind === 'break').map((s) => s.minutes)).toEqual([30]);
		}
	});

	it('reports every broken rule', () => {
		const broken = structuredClone(seed);
		broken.slots[0]!.minutes = 20;
		broken.slots[1]!.minutes = 45;
		const problems = seedRuleProblems(broken);
		expect(problems).toHaveLength(5);
		expect(problems.join('\n')).toMatch(/lasts 20 min, not 15/);
		expect(problems.join('\n')).toMatch(/exceeds 30 min/);
		expect(problems.join('\n')).toMatch(/does not start when the previous slot ends/);
		expect(problems.join('\n')).toMatch(/add up to 380 min, not 360/);
	});

	it('rejects malformed seeds', () => {
		const withSlot = (patch: object) => ({ ...seed, slots: [{ ...seed.slots[0], ...patch }] });
		expect(SeedFile.safeParse(withSlot({ start: '2019-09-10T10:00:00' })).success).toBe(false);
		expect(SeedFile.safeParse(withSlot({ kind: 'keynote' })).success).toBe(false);
		expect(SeedFile.safeParse(withSlot({ room: 'extra' })).success).toBe(false);
		const badZone = { ...seed, event: { ...seed.event, timezone: 'Europe/Atlantis' } };
		expect(SeedFile.safeParse(badZone).success).toBe(false);
	});
});

describe('eventFromSeed with the original dates', () => {
	it('builds one valid track with the seed in order', () => {
		expect(EventInfo.safeParse(original).success).toBe(true);
		expect(original).toMatchObject({
			id: 'lpc2019-containers',
			title: 'Linux Plumbers Conference 2019',
			timezone: LISBON,
			venue: 'Corinthia Hotel Lisbon',
			rehearsal: false,
			agendaVersion: 1
		});
		expect(original.tracks).toHaveLength(1);
		expect(original.tracks[0]).toMatchObject({
			id: 'main',
			name: 'Containers and Checkpoint/Restore MC',
			room: 'Jade/room-I&II'
		});
		const slots = slotsOf(original);
		expect(slots).toHaveLength(seed.slots.length);
		expect(slots.map((s) => s.position)).toEqual(seed.slots.map((_, i) => i));
		expect(slots[0]).toMatchObject({
			id: 's01-welcome-where-containers',
			kind: 'talk',
			plannedStart: Date.UTC(2019, 8, 10, 9, 0),
			plannedMinutes: 15,
			speakers: seed.slots[0]!.speakers
		});
	});

	it('gives every slot a unique URL-safe id', () => {
		const ids = slotsOf(original).map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) {
			expect(SlotId.safeParse(id).success).toBe(true);
			expect(encodeURIComponent(id)).toBe(id);
		}
		expect(slotIdFor(11, 'CRIU and the PID dance')).toBe('s12-criu-and-the');
		expect(slotIdFor(0, 'Stéphane’s café: ünïcode!')).toBe('s01-stephane-s-cafe');
	});
});

describe('rehearsal mode', () => {
	it('starts the first slot at the top of the current hour in Lisbon (winter, UTC+0)', () => {
		const now = Date.UTC(2025, 2, 12, 14, 37, 12, 345);
		const event = eventFromSeed(seed, { rehearsal: true, now });
		expect(event.rehearsal).toBe(true);
		expect(slotsOf(event)[0]!.plannedStart).toBe(Date.UTC(2025, 2, 12, 14, 0));
		expect(formatClock(slotsOf(event)[0]!.plannedStart, LISBON)).toBe('14:00');
	});

	it('starts the first slot at the top of the current hour in Lisbon (summer, UTC+1)', () => {
		const now = Date.UTC(2025, 6, 1, 8, 20);
		const event = eventFromSeed(seed, { rehearsal: true, now });
		expect(slotsOf(event)[0]!.plannedStart).toBe(Date.UTC(2025, 6, 1, 8, 0));
		expect(formatClock(slotsOf(event)[0]!.plannedStart, LISBON)).toBe('09:00');
	});

	it('shifts every slot by the same delta, keeping ids and durations', () => {
		const event = eventFromSeed(seed, { rehearsal: true, now: Date.UTC(2025, 6, 1, 8, 20) });
		const delta = slotsOf(event)[0]!.plannedStart - slotsOf(original)[0]!.plannedStart;
		slotsOf(event).forEach((slot, i) => {
			const before = slotsOf(original)[i]!;
			expect(slot).toEqual({ ...before, plannedStart: before.plannedStart + delta });
		});
	});

	it('shows a newcomer a slot on the planned clock', () => {
		const now = Date.UTC(2025, 6, 1, 8, 20);
		const event = eventFromSeed(seed, { rehearsal: true, now });
		const view = currentSlotView(slotsOf(event), plannedTimer('main'), now);
		expect(view).toMatchObject({ index: 1, remainingMs: 25 * MIN });
	});

	it('aligns to the local hour in a zone with a half-hour offset', () => {
		expect(startOfHour(Date.UTC(2025, 0, 1, 10, 10), 'Asia/Kolkata')).toBe(
			Date.UTC(2025, 0, 1, 9, 30)
		);
		expect(startOfHour(Date.UTC(2025, 0, 1, 10, 0), LISBON)).toBe(Date.UTC(2025, 0, 1, 10, 0));
	});
});

describe('agendaEnded and rebase', () => {
	const lastEnd = plannedEnd(slotsOf(original).at(-1)!);

	it('says the agenda has ended once the last slot is over', () => {
		expect(lastEnd).toBe(Date.UTC(2019, 8, 10, 17, 30));
		expect(agendaEnded(original, lastEnd - 1)).toBe(false);
		expect(agendaEnded(original, lastEnd)).toBe(true);
	});

	it('moves an ended rehearsal to the current hour, keeping the slot ids', () => {
		const first = eventFromSeed(seed, { rehearsal: true, now: Date.UTC(2025, 6, 1, 8, 20) });
		const later = Date.UTC(2025, 6, 2, 7, 5);
		expect(agendaEnded(first, later)).toBe(true);

		const again = rebase(first, later);
		expect(again.agendaVersion).toBe(first.agendaVersion + 1);
		expect(again.rehearsal).toBe(true);
		expect(slotsOf(again).map((s) => s.id)).toEqual(slotsOf(first).map((s) => s.id));
		expect(slotsOf(again)[0]!.plannedStart).toBe(Date.UTC(2025, 6, 2, 7, 0));
		expect(agendaEnded(again, later)).toBe(false);
		expect(EventInfo.safeParse(again).success).toBe(true);
	});
});
