// The client's copy of the event, the timers and the stage states, replaced only by newer
// server state: a timer or stage by its `version` (DESIGN §3), the agenda by its
// `agendaVersion`. Everything a page shows of the followed track (projection, current
// slot, next slot, stage signal) is derived from it and the ticker.
import type { Snapshot } from '$lib/shared/protocol.ts';
import type { EventInfo, Track } from '$lib/shared/schema/event.ts';
import type { StageState } from '$lib/shared/schema/stage.ts';
import type { TimerState } from '$lib/shared/schema/timer.ts';
import { isNewer, plannedTimer } from '$lib/shared/timer.ts';
import {
	currentSlotView,
	nextSlot,
	projectTrack,
	type CurrentSlotView,
	type ProjectedSlot
} from '$lib/shared/schedule.ts';
import { idleStage } from '$lib/shared/stage.ts';
import type { Ticker } from './ticker.svelte.ts';

export class LiveTrack {
	#event: EventInfo;
	#timers: Readonly<Record<string, TimerState>>;
	#stages: Readonly<Record<string, StageState>>;
	#trackId: string;
	readonly track: Track;
	readonly timer: TimerState;
	readonly stage: StageState;
	/** every slot of the track with its projected start, end and drift (DESIGN §3) */
	readonly projection: ProjectedSlot[];
	readonly current: CurrentSlotView | null;
	readonly next: ProjectedSlot | null;

	constructor(snapshot: Snapshot, ticker: Ticker, trackId?: string) {
		this.#event = $state.raw(snapshot.event);
		this.#trackId = $state.raw(
			snapshot.event.tracks.some((t) => t.id === trackId)
				? (trackId as string)
				: (snapshot.event.tracks[0]?.id ?? '')
		);
		this.#timers = $state.raw(Object.fromEntries(snapshot.timers.map((t) => [t.trackId, t])));
		this.#stages = $state.raw(Object.fromEntries(snapshot.stages.map((s) => [s.trackId, s])));
		this.track = $derived(
			this.#event.tracks.find((t) => t.id === this.#trackId) ?? this.#event.tracks[0]!
		);
		this.timer = $derived(this.#timers[this.#trackId] ?? plannedTimer(this.#trackId));
		this.stage = $derived(this.#stages[this.#trackId] ?? idleStage(this.#trackId));
		this.projection = $derived(projectTrack(this.track.slots, this.timer, ticker.now));
		this.current = $derived(currentSlotView(this.track.slots, this.timer, ticker.now));
		this.next = $derived(nextSlot(this.projection));
	}

	get event() {
		return this.#event;
	}
	get trackId() {
		return this.#trackId;
	}

	/** Follows another track of the event; an unknown id is ignored. */
	select(trackId: string): void {
		if (this.#event.tracks.some((t) => t.id === trackId)) this.#trackId = trackId;
	}

	/** Takes a snapshot from a (re)join; held state that is strictly newer is kept. */
	applySnapshot(snapshot: Snapshot): void {
		this.applyAgenda(snapshot.event, true);
		for (const timer of snapshot.timers) {
			const held = this.#timers[timer.trackId];
			if (!held || timer.version >= held.version) this.#setTimer(timer);
		}
		for (const stage of snapshot.stages) {
			const held = this.#stages[stage.trackId];
			if (!held || stage.version >= held.version) this.#setStage(stage);
		}
	}

	/** Applies a stage:state broadcast or a command's result when it is newer. */
	applyStage(stage: StageState): void {
		const held = this.#stages[stage.trackId];
		if (!held || stage.version > held.version) this.#setStage(stage);
	}

	/** Applies a timer:state broadcast or a command's result when it is newer. */
	applyTimer(timer: TimerState): void {
		if (isNewer(timer, this.#timers[timer.trackId])) this.#setTimer(timer);
	}

	/** Applies an agenda:updated broadcast when its agendaVersion is greater. */
	applyAgenda(event: EventInfo, orEqual = false): void {
		const held = this.#event.agendaVersion;
		if (event.agendaVersion > held || (orEqual && event.agendaVersion === held)) {
			this.#event = event;
		}
	}

	#setTimer(timer: TimerState): void {
		this.#timers = { ...this.#timers, [timer.trackId]: timer };
	}

	#setStage(stage: StageState): void {
		this.#stages = { ...this.#stages, [stage.trackId]: stage };
	}
}
