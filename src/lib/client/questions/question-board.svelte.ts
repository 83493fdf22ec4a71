// One slot's questions on a page (DESIGN §5): listed on every (re)join, kept live by the
// question broadcasts, with this device's queued asks and votes laid over them. Asking and
// voting go through the outbox, so they survive a lost network and are sent exactly once
// (the question id and the command id are made here, and an ask names its slot). Each list
// the server gives is kept on the device; until one arrives (offline, say) the board shows
// the kept copy with the server time it was current at. Chairs see every status. follow()
// does all of that for the slot a page shows.
import { untrack } from 'svelte';
import type { QuestionOrder } from '$lib/shared/questions.ts';
import { cleanText } from '$lib/shared/question-text.ts';
import type { ServerClock } from '../connection/clock.svelte.ts';
import type { Connection } from '../connection/connection.svelte.ts';
import type { StoredQuestions } from '../offline/db.ts';
import type { Outbox } from '../offline/outbox.svelte.ts';
import { verdict } from '../offline/outbox.ts';
import {
	noQuestions,
	questionRows,
	withEvent,
	type QuestionEvent,
	type QuestionRow,
	type SlotQuestions
} from './question-list.ts';
import { uuid } from '../uuid.ts';

/** Where lists are kept on the device (DeviceStore); none for the chair console. */
export type QuestionCopies = {
	loadQuestions(slotId: string): Promise<StoredQuestions | null>;
	saveQuestions(list: StoredQuestions): Promise<void>;
};

type Deps = {
	connection: Connection;
	outbox: Outbox;
	clock: ServerClock;
	trackId: () => string;
	copies?: QuestionCopies;
};

export class QuestionBoard {
	#list = $state.raw<SlotQuestions>(noQuestions(''));
	#order = $state.raw<QuestionOrder>('votes');
	/** server epoch ms the shown list was current at, when it is the device's copy */
	#asOf = $state.raw<number | null>(null);
	/** the latest load's number: a newer load, or the end of listening, stops an older one */
	#loads = 0;
	readonly rows: QuestionRow[];
	readonly #deps: Deps;
	readonly #chair: boolean;

	constructor(deps: Deps, chair = false) {
		this.#deps = deps;
		this.#chair = chair;
		this.rows = $derived(
			questionRows(this.#list, deps.outbox.queued, this.#order, deps.trackId(), deps.clock.offsetMs)
		);
	}

	get order() {
		return this.#order;
	}
	set order(order: QuestionOrder) {
		this.#order = order;
	}
	/** server epoch ms the list shown is from when it is the device's copy; null when live */
	get asOf() {
		return this.#asOf;
	}

	/**
	 * Shows `slotId`: at once with nothing, then with the device's copy unless the server's
	 * list has arrived meanwhile.
	 */
	async show(slotId: string): Promise<void> {
		if (slotId === this.#list.slotId) return;
		const empty = (this.#list = noQuestions(slotId));
		this.#asOf = null;
		const copy = await this.#deps.copies?.loadQuestions(slotId);
		// anything since (a list, a broadcast, another slot) replaced `empty`, and is newer
		if (!copy || this.#list !== empty) return;
		const { at, ...list } = copy;
		this.#list = list;
		this.#asOf = at;
	}

	/**
	 * Shows the slot `slotId()` names (none while null) and keeps it current: at once with the
	 * device's copy, listed whenever the connection is live (now, on a slot change, on every
	 * (re)join) and again once one of this device's questions reached the server (a pending
	 * one reaches only its asker that way), live with the question broadcasts. Returns the
	 * stop; call it from a component (it uses `$effect`), e.g. in onMount.
	 */
	follow(slotId: () => string | null): () => void {
		const { connection, outbox } = this.#deps;
		const stops = [
			this.listen(),
			connection.on('joined', () => {
				const id = slotId();
				if (id) void this.load(id);
			}),
			outbox.onSent((entry) => {
				if (entry.name === 'question:ask') this.#sent(entry.payload.id);
			}),
			$effect.root(() => {
				let shown: string | null = null;
				$effect(() => {
					const id = slotId();
					if (!id || id === shown) return;
					shown = id;
					untrack(() => {
						void this.show(id);
						if (connection.status === 'live') void this.load(id);
					});
				});
			})
		];
		return () => {
			for (const stop of stops) stop();
		};
	}

	/** Follows the question broadcasts; returns the unsubscribe, which also ends a load's retries. */
	listen(): () => void {
		const { connection } = this.#deps;
		const stops = [
			connection.on('question:updated', (body) => this.apply({ type: 'updated', body })),
			connection.on('question:removed', (body) => this.apply({ type: 'removed', body })),
			connection.on('question:votes', (body) => this.apply({ type: 'votes', body }))
		];
		return () => {
			for (const stop of stops) stop();
			this.#loads++;
		};
	}

	/** Takes a broadcast or a command's result. */
	apply(event: QuestionEvent): void {
		this.#list = withEvent(this.#list, event, this.#chair);
		if (this.#asOf === null) this.#keep();
	}

	/**
	 * Lists `slotId` afresh (on a join, or when another slot is shown). A list refused for a
	 * while (rate limited, unanswered, a server fault) is asked for again, later each time, as
	 * the outbox retries a write; one lost with the connection waits for the rejoin's load.
	 */
	async load(slotId: string): Promise<void> {
		const load = ++this.#loads;
		if (slotId !== this.#list.slotId) {
			this.#list = noQuestions(slotId);
			this.#asOf = null;
		}
		for (let attempts = 1; ; attempts++) {
			const ack = await this.#deps.connection.command('question:list', { slotId });
			if (load !== this.#loads) return;
			if (ack.ok) {
				this.#list = { ...ack.data, slotId };
				this.#asOf = null;
				this.#keep();
				return;
			}
			const next = verdict(ack, attempts, Math.random());
			if (next.kind !== 'retry') return;
			await new Promise((resolve) => setTimeout(resolve, next.delayMs));
			if (load !== this.#loads) return;
		}
	}

	/** Queues a question for `slotId`; resolves once it is stored on the device. */
	async ask(slotId: string, text: string, authorName: string): Promise<void> {
		if (!slotId) throw new Error('a question needs its slot');
		const name = cleanText(authorName);
		await this.#deps.outbox.enqueue('question:ask', {
			id: uuid(),
			slotId,
			text: cleanText(text),
			authorName: name || null
		});
	}

	/** Casts or withdraws this device's vote; it shows at once and is sent when possible. */
	async vote(questionId: string, voted: boolean): Promise<void> {
		await this.#deps.outbox.enqueue('question:vote', { questionId, voted });
		const others = this.#list.voted.filter((id) => id !== questionId);
		this.#list = { ...this.#list, voted: voted ? [...others, questionId] : others };
	}

	/** The server stored one of this device's questions: it is the asker's, and listed anew. */
	#sent(questionId: string): void {
		if (!this.#list.slotId) return;
		this.#list = { ...this.#list, mine: [...this.#list.mine, questionId] };
		void this.load(this.#list.slotId);
	}

	/** Keeps the live list on the device, as of now on the server's clock. */
	#keep(): void {
		const list = this.#list;
		if (list.slotId) void this.#deps.copies?.saveQuestions({ ...list, at: this.#deps.clock.now() });
	}
}
