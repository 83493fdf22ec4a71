// Audience questions: ask (idempotent by the client's id), vote (one per device), list what
// a viewer may see, and the chairs' moderation and settings. Rules come from
// #shared/questions.ts; every write is committed by the store before the promise resolves,
// then published. Vote counts are published per slot through a Coalescer (at most one
// `question:votes` per VOTES_INTERVAL_MS, less often in a room so large that a broadcast
// takes more than a quarter of that: see votesInterval), each carrying the counts of the
// questions voted on since the last one (a page that missed one lists the slot again when
// it rejoins); with several Dais processes each coalesces the votes of all for its own
// sockets (`onVoted`, `votesElsewhere`). Asks, votes and lists are throttled per device and
// per client address (in Redis when `limitsFactory` says, else in memory); the
// asks of one question id run one at a time, so that a copy sent at the same moment (two
// tabs draining one outbox) finds the stored question and costs no token;
// chair actions run one at a time. Moderation reaches the asker's own devices too, as far
// as the asker may see the question (a pending one included).
import {
	VOTES_INTERVAL_MS,
	type QuestionAsk,
	type QuestionListResult,
	type QuestionRemoved,
	type QuestionVoteResult,
	type QuestionVotes
} from '#shared/protocol.ts';
import {
	askRefusal,
	canSee,
	defaultQuestionSettings,
	isPublic,
	PUBLIC_STATUSES,
	withSlotClosed
} from '#shared/questions.ts';
import { moderate } from '#shared/moderation.ts';
import type { Track } from '#shared/schema/event.ts';
import type { ModerationAction, Question, QuestionSettings } from '#shared/schema/question.ts';
import type { Slot } from '#shared/schema/slot.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { StoredQuestion, Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import { Coalescer, realScheduler, type Scheduler } from './coalescer.ts';
import { DomainError } from './errors.ts';
import { recordClaim, type Claim } from './idempotency.service.ts';
import { memoryLimits, type Limits, type LimitsFactory } from './rate-limit.ts';

/** Hits per `windowMs`. A venue's Wi-Fi puts hundreds of phones behind one address. */
export type QuestionLimits = {
	askPerDevice: number;
	askPerAddress: number;
	votePerDevice: number;
	votePerAddress: number;
	listPerDevice: number;
	listPerAddress: number;
	windowMs: number;
};

/**
 * A page lists on every join, reconnect and slot switch, so lists are frequent but bursty:
 * a server restart makes every phone behind the venue's address list within seconds, which
 * the per-address figure must absorb; one device hardly lists more than once a second.
 */
export const DEFAULT_QUESTION_LIMITS: QuestionLimits = {
	askPerDevice: 5,
	askPerAddress: 60,
	votePerDevice: 60,
	votePerAddress: 1200,
	listPerDevice: 60,
	listPerAddress: 3000,
	windowMs: 60_000
};

/** Who sends a command: the device id and the throttling key of its address. */
export type Requester = { deviceId: string; address: string };

/**
 * Who besides the track's chairs hears of a question: every attendee of its track, and the
 * devices of its asker (a device id), or neither.
 */
export type Audience = { attendees: boolean; asker: string | null };

/** Where changes go (Socket.IO rooms, in the app). */
export type QuestionPublisher = {
	/** to the track's chairs and `audience` */
	updated(question: Question, audience: Audience): void;
	/** a question `audience` could see no longer can: everyone in it but the chairs drops it */
	removed(trackId: string, body: QuestionRemoved, audience: Audience): void;
	votes(trackId: string, body: QuestionVotes): void;
	settings(settings: QuestionSettings): void;
};

export type QuestionServiceDeps = {
	store: Store;
	agenda: AgendaService;
	clock: Clock;
	logger: Logger;
	publisher: QuestionPublisher;
	limits?: Partial<QuestionLimits>;
	scheduler?: Scheduler;
	/** where the limits are counted (default: in this process's memory) */
	limitsFactory?: LimitsFactory;
	/** a vote changed a count here: the other Dais processes coalesce it too (votesElsewhere) */
	onVoted?: (slotId: string, trackId: string, questionIds: string[]) => void;
};

type LimitName = keyof Omit<QuestionLimits, 'windowMs'>;

const toQuestion = ({ deviceId: _device, ...question }: StoredQuestion): Question => question;

/** Vote broadcasts never come closer together than this, however large the room. */
export const MAX_VOTES_INTERVAL_MS = 2_000;
/** A vote broadcast may take this share of the server's time at most, during a burst. */
const VOTES_BUSY_SHARE = 0.25;

/**
 * How long to wait after a vote broadcast that took `costMs` (sending to every socket of the
 * room is synchronous): VOTES_INTERVAL_MS in a normal room; in a room so large that a
 * broadcast takes more than a quarter of that, long enough that a voting burst cannot spend
 * more than a quarter of the server's time telling everyone the counts (up to 2 s).
 */
export function votesInterval(costMs: number): number {
	return Math.min(MAX_VOTES_INTERVAL_MS, Math.max(VOTES_INTERVAL_MS, costMs / VOTES_BUSY_SHARE));
}

/** The questions of one slot voted on since its last vote broadcast. */
type VotedOn = { trackId: string; questionIds: Set<string> };

/** Adds `touched`'s questions to `held`'s (the coalescer owns `held`, so it grows in place). */
function votedOnBoth(held: VotedOn, touched: VotedOn): VotedOn {
	for (const id of touched.questionIds) held.questionIds.add(id);
	return held;
}

/** Who may see `question` in a list (chairs aside; see canSee). */
const audienceOf = (question: Question, deviceId: string): Audience => ({
	attendees: canSee(question, { chair: false, asked: false }),
	asker: canSee(question, { chair: false, asked: true }) ? deviceId : null
});

export class QuestionService {
	private readonly store: Store;
	private readonly deps: QuestionServiceDeps;
	private readonly limits: Limits<LimitName>;
	/** per slot, the questions voted on since its last vote broadcast */
	private readonly voteCounts: Coalescer<VotedOn>;
	private chairQueue: Promise<unknown> = Promise.resolve();
	/** the asks being handled, by question id */
	private readonly asking = new Map<string, Promise<unknown>>();
	/** the current spacing of vote broadcasts: see votesInterval */
	private votesIntervalMs = VOTES_INTERVAL_MS;

	constructor(deps: QuestionServiceDeps) {
		this.deps = deps;
		this.store = deps.store;
		const limits = { ...DEFAULT_QUESTION_LIMITS, ...deps.limits };
		const { windowMs, ...perWindow } = limits;
		this.limits = (deps.limitsFactory ?? memoryLimits)<LimitName>(perWindow, windowMs);
		this.voteCounts = new Coalescer<VotedOn>(
			() => this.votesIntervalMs,
			(slotId, voted) => this.publishVotes(slotId, voted),
			deps.scheduler ?? realScheduler,
			votedOnBoth
		);
	}

	/** Asks of one id wait for each other: the check, the throttle and the insert act as one. */
	async ask(payload: QuestionAsk, who: Requester): Promise<Question> {
		const before = this.asking.get(payload.id) ?? Promise.resolve();
		const mine = before.catch(() => undefined).then(() => this.askNow(payload, who));
		this.asking.set(payload.id, mine);
		const forget = () => {
			if (this.asking.get(payload.id) === mine) this.asking.delete(payload.id);
		};
		mine.then(forget, forget);
		return mine;
	}

	private async askNow(payload: QuestionAsk, who: Requester): Promise<Question> {
		const existing = await this.store.questions.get(payload.id);
		if (existing) return this.again(existing, payload, who);
		const { track } = await this.slot(payload.slotId);
		const settings = await this.settingsOf(track.id);
		const timer = (await this.store.timers.get(track.id)) ?? plannedTimer(track.id);
		const now = this.deps.clock.now();
		const refusal = askRefusal(payload.slotId, track.slots, timer, settings, now);
		if (refusal) throw new DomainError('invalid_state', refusal);
		await this.throttle('questions', [
			['askPerDevice', who.deviceId],
			['askPerAddress', who.address]
		]);
		const { inserted, stored } = await this.store.questions.insert({
			id: payload.id,
			trackId: track.id,
			slotId: payload.slotId,
			text: payload.text,
			authorName: payload.authorName || null,
			createdAt: now,
			status: settings.premoderated ? 'pending' : 'open',
			pinned: false,
			votes: 0,
			deviceId: who.deviceId
		});
		if (!inserted) return this.again(stored, payload, who);
		const question = toQuestion(stored);
		// The asking device has the ack; its other tabs list it on their next join.
		this.deps.publisher.updated(question, { attendees: isPublic(question.status), asker: null });
		return question;
	}

	/** A retry acks the stored question unchanged; anything else with a taken id conflicts. */
	private again(stored: StoredQuestion, payload: QuestionAsk, who: Requester): Question {
		const same =
			stored.deviceId === who.deviceId &&
			stored.slotId === payload.slotId &&
			stored.text === payload.text &&
			stored.authorName === (payload.authorName || null);
		if (!same) throw new DomainError('conflict', 'another question already has this id');
		return toQuestion(stored);
	}

	/** `claim`, when the vote carries a commandId, is recorded in the vote's transaction. */
	async vote(
		payload: { questionId: string; voted: boolean },
		who: Requester,
		claim: Claim | null = null
	): Promise<QuestionVoteResult> {
		const question = await this.store.questions.get(payload.questionId);
		if (!question || !isPublic(question.status)) {
			throw new DomainError('not_found', 'there is no such question');
		}
		await this.throttle('votes', [
			['votePerDevice', who.deviceId],
			['votePerAddress', who.address]
		]);
		const result = (votes: number): QuestionVoteResult => ({
			questionId: question.id,
			votes,
			voted: payload.voted
		});
		const now = this.deps.clock.now();
		const { votes, changed } = await this.store.grouped(async (tx) => {
			const outcome = await tx.questions.setVote(question.id, who.deviceId, payload.voted, now);
			if (claim) await recordClaim(tx, claim, result(outcome.votes));
			return outcome;
		});
		if (changed) {
			const voted = { trackId: question.trackId, questionIds: new Set([question.id]) };
			this.voteCounts.touch(question.slotId, voted);
			this.deps.onVoted?.(question.slotId, question.trackId, [question.id]);
		}
		return result(votes);
	}

	/** Throttled before anything is read: a list reads and filters the slot's questions. */
	async list(slotId: string, who: Requester & { chair: boolean }): Promise<QuestionListResult> {
		await this.throttle('question lists', [
			['listPerDevice', who.deviceId],
			['listPerAddress', who.address]
		]);
		await this.slot(slotId);
		const [shown, mine] = await Promise.all([
			who.chair
				? this.store.questions.listBySlot(slotId)
				: this.store.questions.listVisible(slotId, who.deviceId),
			this.store.questions.byDevice(who.deviceId, slotId)
		]);
		return { questions: shown.map(toQuestion), mine: mine.asked, voted: mine.voted };
	}

	moderate(questionId: string, action: ModerationAction): Promise<Question> {
		return this.asChair(async () => {
			const before = await this.store.questions.get(questionId);
			if (!before) throw new DomainError('not_found', 'there is no such question');
			const result = moderate(toQuestion(before), action);
			if (!result.ok) throw new DomainError(result.error.code, result.error.message);
			if (!result.changed) return result.question;
			const { status, pinned } = result.question;
			if (action === 'pin') {
				const done = await this.store.questions.pin(questionId);
				if (!done) throw new DomainError('not_found', 'there is no such question');
				for (const other of done.unpinned) this.publishChange(other, other);
				this.publishChange(before, done.pinned);
				return toQuestion(done.pinned);
			}
			const after = await this.store.questions.setState(questionId, status, pinned);
			if (!after) throw new DomainError('not_found', 'there is no such question');
			this.publishChange(before, after);
			return toQuestion(after);
		});
	}

	configure(trackId: string, premoderated: boolean): Promise<QuestionSettings> {
		return this.asChair(async () => {
			await this.deps.agenda.track(trackId);
			return this.saveSettings(trackId, (s) => ({ ...s, premoderated }));
		});
	}

	close(slotId: string, closed: boolean): Promise<QuestionSettings> {
		return this.asChair(async () => {
			const { track } = await this.slot(slotId);
			return this.saveSettings(track.id, (s) => withSlotClosed(s, slotId, closed));
		});
	}

	/** Every question of a track in every status, oldest first (the chairs' export). */
	async allOfTrack(trackId: string): Promise<Question[]> {
		return (await this.store.questions.listByTrack(trackId)).map(toQuestion);
	}

	async settingsOf(trackId: string): Promise<QuestionSettings> {
		return (await this.store.questionSettings.get(trackId)) ?? defaultQuestionSettings(trackId);
	}

	/** The slot with its track; `not_found` when no track has it. */
	async slot(slotId: string): Promise<{ track: Track; slot: Slot }> {
		for (const track of (await this.deps.agenda.event()).tracks) {
			const slot = track.slots.find((s) => s.id === slotId);
			if (slot) return { track, slot };
		}
		throw new DomainError('not_found', `there is no slot "${slotId}"`);
	}

	/** Votes another Dais process took: this one tells its own sockets the counts too. */
	votesElsewhere(slotId: string, trackId: string, questionIds: readonly string[]): void {
		this.voteCounts.touch(slotId, { trackId, questionIds: new Set(questionIds) });
	}

	/** Stops pending vote broadcasts (the app is closing). */
	shutdown(): void {
		this.voteCounts.close();
	}

	private async saveSettings(
		trackId: string,
		change: (current: QuestionSettings) => QuestionSettings
	): Promise<QuestionSettings> {
		const saved = await this.store.questionSettings.update(
			defaultQuestionSettings(trackId),
			change
		);
		this.deps.publisher.settings(saved);
		return saved;
	}

	/** Tells everyone who may see the question now, and whoever could before but not now. */
	private publishChange(before: Question, after: StoredQuestion): void {
		const question = toQuestion(after);
		const was = audienceOf(before, after.deviceId);
		const is = audienceOf(question, after.deviceId);
		this.deps.publisher.updated(question, is);
		const lost: Audience = {
			attendees: was.attendees && !is.attendees,
			asker: is.asker === null ? was.asker : null
		};
		if (lost.attendees || lost.asker !== null) {
			const body = { questionId: question.id, slotId: question.slotId };
			this.deps.publisher.removed(question.trackId, body, lost);
		}
	}

	private async throttle(what: string, hits: [LimitName, string][]): Promise<void> {
		const wait = await this.limits.take(hits, this.deps.clock.now());
		if (wait > 0) {
			const seconds = Math.ceil(wait / 1000);
			throw new DomainError('rate_limited', `too many ${what}; try again in ${seconds} s`, wait);
		}
	}

	private asChair<T>(run: () => Promise<T>): Promise<T> {
		const result = this.chairQueue.then(run, run);
		this.chairQueue = result.catch(() => undefined);
		return result;
	}

	/** The counts of the questions voted on since the last broadcast (public ones only). */
	private async publishVotes(slotId: string, voted: VotedOn): Promise<void> {
		try {
			const votes = await this.store.questions.voteCounts([...voted.questionIds], PUBLIC_STATUSES);
			if (Object.keys(votes).length === 0) return;
			const started = this.deps.clock.now();
			this.deps.publisher.votes(voted.trackId, { slotId, votes });
			this.votesIntervalMs = votesInterval(this.deps.clock.now() - started);
		} catch (err) {
			// tried again at the end of the interval, with whatever is voted on meanwhile
			this.voteCounts.touch(slotId, voted);
			this.deps.logger.error(`publishing the votes of ${slotId} failed`, err);
		}
	}
}
