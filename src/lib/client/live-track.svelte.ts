// The client's copy of the event and the timers (a TrackState), replaced only by newer server
// state under the rules of #shared/version-order.ts, whether it comes from a snapshot, a
// broadcast or the copy kept on the device; stage states are kept beside it by `version`.
// Everything a page shows of the followed track (projection, current slot, next slot, stage
// signal) is derived from it and the ticker. After being away it also keeps, in words, what
// changed meanwhile until the reader dismisses it (its wording, changes.ts, loads only then).
import type { Snapshot } from '$lib/shared/protocol.ts';
import type { EventInfo, Track } from '$lib/shared/schema/event.ts';
import type { QuestionSettings } from '$lib/shared/schema/question.ts';
import type { StageState } from '$lib/shared/schema/stage.ts';
import type { TimerState } from '$lib/shared/schema/timer.ts';
import { defaultQuestionSettings } from '$lib/shared/questions.ts';
import { idleStage } from '$lib/shared/stage.ts';
import { plannedTimer } from '$lib/shared/timer.ts';
import {
	stateOf,
	withAgenda,
	withCopy,
	withTimer,
	type TrackState
} from '$lib/shared/version-order.ts';
import {
	currentSlotView,
	nextSlot,
	projectTrack,
	type CurrentSlotView,
	type ProjectedSlot
} from '$lib/shared/schedule.ts';
import type { Ticker } from './connection/ticker.svelte.ts';

export class LiveTrack {
	#state: TrackState;
	#stages: Readonly<Record<string, StageState>>;
	#trackId: string;
	#questionSettings: Readonly<Record<string, QuestionSettings>>;
	#changes = $state.raw<readonly string[]>([]);
	readonly track: Track;
	readonly timer: TimerState;
	readonly stage: StageState;
	/** every slot of the track with its projected start, end and drift (DESIGN §3) */
	readonly projection: ProjectedSlot[];
	readonly current: CurrentSlotView | null;
	readonly next: ProjectedSlot | null;

	constructor(snapshot: Snapshot, ticker: Ticker, trackId?: string) {
		this.#state = $state.raw(stateOf(snapshot));
		this.#stages = $state.raw(Object.fromEntries(snapshot.stages.map((s) => [s.trackId, s])));
		this.#questionSettings = $state.raw(byTrack(snapshot.questionSettings));
		this.#trackId = $state.raw(
			snapshot.event.tracks.some((t) => t.id === trackId)
				? (trackId as string)
				: (snapshot.event.tracks[0]?.id ?? '')
		);
		this.track = $derived(
			this.#state.event.tracks.find((t) => t.id === this.#trackId) ?? this.#state.event.tracks[0]!
		);
		this.timer = $derived(this.#state.timers[this.#trackId] ?? plannedTimer(this.#trackId));
		this.stage = $derived(this.#stages[this.#trackId] ?? idleStage(this.#trackId));
		this.projection = $derived(projectTrack(this.track.slots, this.timer, ticker.now));
		this.current = $derived(currentSlotView(this.track.slots, this.timer, ticker.now));
		this.next = $derived(nextSlot(this.projection));
	}

	get event(): EventInfo {
		return this.#state.event;
	}
	get trackId() {
		return this.#trackId;
	}
	/** the whole copy, with the server instant it was current at (for the device's cache) */
	get state(): TrackState {
		return this.#state;
	}
	/** the followed track's question rules (pre-moderation, closed slots) */
	get questionSettings(): QuestionSettings {
		return this.#questionSettings[this.#trackId] ?? defaultQuestionSettings(this.#trackId);
	}
	/** what changed while the device was away, one sentence each; empty when nothing did */
	get changes(): readonly string[] {
		return this.#changes;
	}

	/** Follows another track of the event; an unknown id is ignored. */
	select(trackId: string): void {
		if (this.#state.event.tracks.some((t) => t.id === trackId)) this.#trackId = trackId;
	}

	/**
	 * Takes a snapshot from a (re)join. `away`: the copy held so far may be out of date (a
	 * reconnect, a page from the cache), so what the snapshot changes is kept in words.
	 */
	applySnapshot(snapshot: Snapshot, away = false): void {
		const before = this.#state;
		this.#state = withCopy(before, stateOf(snapshot));
		for (const stage of snapshot.stages) {
			const held = this.#stages[stage.trackId];
			if (!held || stage.version >= held.version) this.#setStage(stage);
		}
		this.#questionSettings = byTrack(snapshot.questionSettings);
		if (!away) return;
		// Only a page that was away needs the words, so they load with its first such snapshot.
		const after = this.#state;
		const trackId = this.#trackId;
		void import('./offline/changes.ts').then(({ describeChanges }) => {
			const changes = describeChanges(before, after, trackId);
			if (changes.length > 0) this.#changes = changes;
		});
	}

	/** Takes the copy kept on the device where it is newer than what the page holds. */
	applyCopy(copy: TrackState): void {
		this.#state = withCopy(this.#state, copy);
	}

	/** Applies a timer:state broadcast or a command's result, received at server time `at`. */
	applyTimer(timer: TimerState, at: number): void {
		this.#state = withTimer(this.#state, timer, at);
	}

	/** Applies an agenda:updated broadcast received at server time `at`. */
	applyAgenda(event: EventInfo, at: number): void {
		this.#state = withAgenda(this.#state, event, at);
	}

	/** Applies a stage:state broadcast or a command's result when it is newer. */
	applyStage(stage: StageState): void {
		const held = this.#stages[stage.trackId];
		if (!held || stage.version > held.version) this.#setStage(stage);
	}

	/** Applies a questions:settings broadcast or a chair command's result. */
	applyQuestionSettings(settings: QuestionSettings): void {
		this.#questionSettings = { ...this.#questionSettings, [settings.trackId]: settings };
	}

	dismissChanges(): void {
		this.#changes = [];
	}

	#setStage(stage: StageState): void {
		this.#stages = { ...this.#stages, [stage.trackId]: stage };
	}
}

const byTrack = (all: readonly QuestionSettings[]): Record<string, QuestionSettings> =>
	Object.fromEntries(all.map((s) => [s.trackId, s]));
