// The chair console's one way to send commands. Every command names the state it was made
// against (`expectedVersion`, `expectedAgendaVersion`); when the server answers `conflict`
// the console takes a fresh snapshot and says what the other chair changed instead of
// retrying. One command at a time, so a double tap cannot send two; what a command answers
// (the new timer, agenda, stage or question settings) is applied at once, before its
// broadcast arrives. Keyboard focus stays on the control used, or moves to a deliberate one
// when the result disables or removes it.
import { createContext } from 'svelte';
import type { ServerClock } from '$lib/client/connection/clock.svelte.ts';
import type { Connection } from '$lib/client/connection/connection.svelte.ts';
import { errorSentence } from '$lib/client/error-sentence.ts';
import type { LiveTrack } from '$lib/client/live-track.svelte.ts';
import { uuid } from '$lib/client/uuid.ts';
import type { CommandInput } from '$lib/shared/protocol.ts';
import type { ModerationAction, Question } from '$lib/shared/schema/question.ts';
import type { TimerIntent } from '$lib/shared/timer.ts';
import { AuditLog } from './audit-log.svelte.ts';
import {
	conflictNotice,
	describeAgendaChange,
	describeTimerChange,
	intentLabel
} from './change-summary.ts';
import { holdFocus } from './focus-keeper.ts';
import { ShortcutSetting } from './shortcut-setting.svelte.ts';
import { auditedCommandLabel, undoTarget } from './undo-label.ts';

export type AgendaCommand =
	'agenda:update-slot' | 'agenda:insert-slot' | 'agenda:remove-slot' | 'agenda:move-slot';
export type StageCommand = 'stage:signal' | 'stage:clear' | 'stage:flash' | 'stage:standby';
export type QuestionsCommand = 'questions:configure' | 'questions:close';
type AgendaBody<N extends AgendaCommand> = Omit<
	CommandInput<N>,
	'trackId' | 'expectedAgendaVersion'
>;

/** A sentence for the chair; `conflict` ones say what another chair changed. */
export type Notice = { tone: 'error' | 'conflict'; text: string };

export class ChairConsole {
	#busy = $state.raw(false);
	#notice = $state.raw<Notice | null>(null);
	readonly audit: AuditLog;
	/** this device's choice of keyboard shortcuts */
	readonly shortcuts = new ShortcutSetting();
	/** what Undo would take back ("+5 min"), when the audit log says */
	readonly undoLabel: string | null;
	readonly #live: LiveTrack;
	readonly #connection: Connection;
	readonly #clock: ServerClock;

	constructor(deps: { live: LiveTrack; connection: Connection; clock: ServerClock }) {
		this.#live = deps.live;
		this.#connection = deps.connection;
		this.#clock = deps.clock;
		this.audit = new AuditLog(deps.connection);
		this.undoLabel = $derived.by(() => {
			const target = undoTarget(this.audit.entries, this.#live.trackId);
			return target ? auditedCommandLabel(target) : null;
		});
	}

	/** true while a command waits for its answer */
	get busy() {
		return this.#busy;
	}
	get notice() {
		return this.#notice;
	}

	dismiss(): void {
		this.#notice = null;
	}

	/** Sends a timer command; null when applied, else the sentence that was shown. */
	async timer(intent: TimerIntent): Promise<string | null> {
		const before = this.#live.timer;
		// One id per press: a resend of this press is acked, not applied again.
		const base = {
			trackId: this.#live.trackId,
			expectedVersion: before.version,
			commandId: uuid()
		};
		return this.#run(
			async () => {
				const ack =
					intent.type === 'extend'
						? await this.#connection.command('timer:extend', { ...base, deltaMs: intent.deltaMs })
						: await this.#connection.command(`timer:${intent.type}`, base);
				if (ack.ok) this.#live.applyTimer(ack.data, this.#clock.now());
				return ack;
			},
			() => {
				const change = describeTimerChange(before, this.#live.timer, this.#live.track.slots);
				return conflictNotice(change, intentLabel(intent));
			}
		);
	}

	/** Sends an agenda edit; `what` names it for a conflict ("edit of “Lunch”"). */
	async agenda<N extends AgendaCommand>(
		name: N,
		body: AgendaBody<N>,
		what: string
	): Promise<string | null> {
		const before = this.#live.track;
		const payload = {
			...body,
			trackId: this.#live.trackId,
			expectedAgendaVersion: this.#live.event.agendaVersion
		} as CommandInput<N>;
		return this.#run(
			async () => {
				const ack = await this.#connection.command(name, payload);
				if (ack.ok) this.#live.applyAgenda(ack.data, this.#clock.now());
				return ack;
			},
			() => conflictNotice(describeAgendaChange(before, this.#live.track), what)
		);
	}

	/** Sends a stage command for the followed track. */
	async stage<N extends StageCommand>(
		name: N,
		body: Omit<CommandInput<N>, 'trackId'>
	): Promise<string | null> {
		const payload = { ...body, trackId: this.#live.trackId } as CommandInput<N>;
		return this.#run(
			async () => {
				const ack = await this.#connection.command(name, payload);
				if (ack.ok) this.#live.applyStage(ack.data);
				return ack;
			},
			() => 'The stage display changed meanwhile; the latest state is shown'
		);
	}

	/** Moderates a question; its new state goes to `apply` at once (the broadcast follows). */
	async moderate(
		questionId: string,
		action: ModerationAction,
		apply: (question: Question) => void
	): Promise<string | null> {
		return this.#run(
			async () => {
				const ack = await this.#connection.command('question:moderate', { questionId, action });
				if (ack.ok) apply(ack.data);
				return ack;
			},
			() => 'The question changed meanwhile; the latest state is shown'
		);
	}

	/** Changes the question settings (pre-moderation, closed slots); the result is applied. */
	async questions<N extends QuestionsCommand>(
		name: N,
		payload: CommandInput<N>
	): Promise<string | null> {
		return this.#run(
			async () => {
				const ack = await this.#connection.command(name, payload);
				if (ack.ok) this.#live.applyQuestionSettings(ack.data);
				return ack;
			},
			() => 'The question settings changed meanwhile; the latest state is shown'
		);
	}

	async #run(
		send: () => Promise<{ ok: true } | { ok: false; error: Parameters<typeof errorSentence>[0] }>,
		onConflict: () => string
	): Promise<string | null> {
		if (this.#busy) return 'Another command is still on its way.';
		this.#busy = true;
		const restoreFocus = holdFocus();
		try {
			const ack = await send();
			if (ack.ok) {
				this.#notice = null;
				return null;
			}
			if (ack.error.code === 'conflict') {
				await this.#connection.refresh();
				this.#notice = { tone: 'conflict', text: onConflict() };
			} else {
				this.#notice = { tone: 'error', text: errorSentence(ack.error) };
			}
			return this.#notice.text;
		} finally {
			this.#busy = false;
			// after the page has shown the result (Svelte updates the DOM in a microtask)
			setTimeout(restoreFocus);
		}
	}
}

/** The console's state, made by /chair for the components of its console. */
export const [getChairConsole, setChairConsole] = createContext<ChairConsole>();
