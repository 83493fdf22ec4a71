// The event and its snapshot. On start it seeds the event from the seed file when the store
// is empty (rehearsal: rebased to the current hour; original: the seed's dates), and re-bases
// a rehearsal whose agenda has completely ended when no chair holds a live timer, so a
// newcomer always finds a live agenda. Timers reset by a re-base keep increasing versions.
// The event is kept in memory once stored or read: every write goes through this service
// (agenda edits through `saveEdit`), and every join reads it (a reconnect storm of thousands
// must not parse it thousands of times), with a tag naming its content: a client that
// rejoins holding the current event is sent the snapshot without it. With several Dais
// processes, each write is announced (`onChanged`) and the others `forget` their copy;
// `refresh` notices a write by a process outside them (the import command) from the stored
// version.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
	PROTOCOL_VERSION,
	type EventTag,
	type JoinSnapshot,
	type Role,
	type Snapshot
} from '#shared/protocol.ts';
import type { EventInfo, Track } from '#shared/schema/event.ts';
import { defaultQuestionSettings } from '#shared/questions.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { agendaEnded, eventFromSeed, rebase, SeedFile } from '#shared/seed.ts';
import { idleStage } from '#shared/stage.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_SEED_FILE } from '../paths.ts';
import type { AuditRecord, Store } from '../store/store.ts';
import { DomainError } from './errors.ts';

export type SeedDates = 'rehearsal' | 'original';

/** Reads and validates a seed file; throws with the file name on any problem. */
export function readSeedFile(file: URL = DEFAULT_SEED_FILE): SeedFile {
	const parsed = SeedFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
	if (!parsed.success)
		throw new Error(`invalid seed file ${file.pathname}: ${parsed.error.message}`);
	return parsed.data;
}

const isLive = (t: TimerState) => t.phase === 'running' || t.phase === 'paused';

type Cached = { event: EventInfo; tag: EventTag };
/** The event with the tag of its content: 128 bits of its SHA-256, base64url. */
const withTag = (event: EventInfo): Cached => ({
	event,
	tag: createHash('sha256').update(JSON.stringify(event)).digest('base64url').slice(0, 22)
});

export class AgendaService {
	private cached: Cached | null = null;

	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
		private readonly logger: Logger,
		/** the stored event changed here: other Dais processes drop their copy (forget) */
		private readonly onChanged: () => void = () => {}
	) {}

	/** Drops the event kept in memory: another Dais process stored a new one. */
	forget(): void {
		this.cached = null;
	}

	/** Seeds or re-bases the stored event as described above; returns what is stored. */
	async init(seedDates: SeedDates, seed: () => SeedFile = readSeedFile): Promise<EventInfo> {
		const now = this.clock.now();
		const stored = await this.store.events.get();
		if (!stored) {
			const event = eventFromSeed(seed(), { rehearsal: seedDates === 'rehearsal', now });
			await this.store.events.replace(
				event,
				event.tracks.map((t) => plannedTimer(t.id))
			);
			this.logger.info(`seeded "${event.title}" (${seedDates} dates)`);
			return this.keep(event);
		}
		if (stored.rehearsal !== (seedDates === 'rehearsal')) {
			this.logger.warn(
				`the stored event uses ${stored.rehearsal ? 'rehearsal' : 'original'} dates; ` +
					'SEED_DATES only applies to a new data directory'
			);
		}
		const timers = await this.store.timers.list();
		if (!stored.rehearsal || !agendaEnded(stored, now) || timers.some(isLive)) {
			return this.keep(stored);
		}
		const event = rebase(stored, now);
		const version = (trackId: string) =>
			(timers.find((t) => t.trackId === trackId)?.version ?? 0) + 1;
		await this.store.events.replace(
			event,
			event.tracks.map((t) => plannedTimer(t.id, version(t.id)))
		);
		this.logger.info('the rehearsal agenda had ended: moved it to the current hour');
		this.onChanged();
		return this.keep(event);
	}

	async event(): Promise<EventInfo> {
		return (await this.tagged()).event;
	}

	private async tagged(): Promise<Cached> {
		if (this.cached) return this.cached;
		const event = await this.store.events.get();
		if (!event) throw new Error('the event has not been seeded');
		return (this.cached = withTag(event));
	}

	private keep(event: EventInfo): EventInfo {
		this.cached = withTag(event);
		return event;
	}

	/**
	 * Saves an agenda edit of one track, with its audit entry, if the stored agendaVersion is
	 * still `expected` (compare-and-set); resolves false, writing nothing, when another write
	 * got there first.
	 */
	async saveEdit(
		next: EventInfo,
		trackId: string,
		expected: number,
		audit?: AuditRecord
	): Promise<boolean> {
		const saved = await this.store.events.saveEdit(next, trackId, expected, audit);
		if (saved) {
			this.keep(next);
			this.onChanged();
		} else this.cached = null;
		return saved;
	}

	/** Stores a whole new version of the event (an import) with the timers of its new tracks. */
	async replace(next: EventInfo, timers: readonly TimerState[]): Promise<void> {
		await this.store.events.replace(next, timers);
		this.keep(next);
		this.onChanged();
	}

	/**
	 * Reads the event again when the stored agendaVersion is not the one held (another
	 * process wrote it, e.g. `npm run import` on the same data): resolves the new event, or
	 * null when nothing changed. Cheap: the version is read without the event.
	 */
	async refresh(): Promise<EventInfo | null> {
		const held = this.cached?.event.agendaVersion;
		const stored = await this.store.events.version();
		if (stored === null || stored === held) return null;
		const event = await this.store.events.get();
		return event ? this.keep(event) : null;
	}

	async track(trackId: string): Promise<Track> {
		const track = (await this.event()).tracks.find((t) => t.id === trackId);
		if (!track) throw new DomainError('not_found', `there is no track "${trackId}"`);
		return track;
	}

	/**
	 * The state a client needs after (re)connecting, as seen by `role`: the whole snapshot,
	 * but without the event when `heldTag` names the current one (the client has it already).
	 */
	async joinSnapshot(role: Role, heldTag: EventTag | undefined): Promise<JoinSnapshot> {
		const full = await this.snapshot(role);
		if (heldTag !== full.eventTag) return full;
		const { event: _held, ...rest } = full;
		return rest;
	}

	/** The whole state a client needs after (re)connecting, as seen by `role`. */
	async snapshot(role: Role): Promise<Snapshot> {
		const [{ event, tag }, stored, storedStages, settings] = await Promise.all([
			this.tagged(),
			this.store.timers.list(),
			this.store.stages.list(),
			this.store.questionSettings.list()
		]);
		const timers = event.tracks.map(
			(track) => stored.find((t) => t.trackId === track.id) ?? plannedTimer(track.id)
		);
		const stages = event.tracks.map(
			(track) => storedStages.find((s) => s.trackId === track.id) ?? idleStage(track.id)
		);
		const questionSettings = event.tracks.map(
			(track) => settings.find((s) => s.trackId === track.id) ?? defaultQuestionSettings(track.id)
		);
		return {
			protocolVersion: PROTOCOL_VERSION,
			serverNow: this.clock.now(),
			role,
			event,
			eventTag: tag,
			timers,
			stages,
			questionSettings
		};
	}
}
