// What one Dais process tells the others when several serve one event (REDIS_URL): the
// state each keeps in memory for its own sockets must follow a change made elsewhere. A chair
// signed out or every session ended: each process demotes its own sockets of them; the event
// was stored anew: each drops its copy; votes were counted: each coalesces them into its own
// `question:votes` broadcasts. Messages come over Redis from Dais processes only, but are
// still checked: one that does not parse is dropped. Alone (no Redis), telling is a no-op.
import { z } from 'zod';
import { ChairEnded } from '#shared/protocol.ts';
import type { Logger } from '../logger.ts';
import type { DaisServer, PeerEvents } from './types.ts';

export type PeerHandlers = {
	signedOut(sessionId: string): void;
	sessionsEnded(reason: ChairEnded['reason']): Promise<void>;
	eventChanged(): void;
	voted(slotId: string, trackId: string, questionIds: string[]): void;
};

const Id = z.string().min(1).max(200);
const Checks = {
	'chair:signed-out': z.tuple([Id]),
	'chair:sessions-ended': z.tuple([ChairEnded.shape.reason]),
	'event:changed': z.tuple([]),
	'question:voted': z.tuple([Id, Id, z.array(Id).max(10_000)])
} satisfies Record<keyof PeerEvents, z.ZodType>;

export type Peers = {
	tell<E extends keyof PeerEvents>(event: E, ...args: Parameters<PeerEvents[E]>): void;
};

/** `shared`: other processes may be listening (an adapter that spans processes is attached). */
export function peers(io: DaisServer, shared: boolean): Peers {
	return {
		tell: (event, ...args) => {
			if (shared) io.serverSideEmit(event, ...args);
		}
	};
}

/** Runs `handlers` for what the other processes tell this one. */
export function listenToPeers(io: DaisServer, handlers: PeerHandlers, logger: Logger): void {
	const checked =
		<E extends keyof PeerEvents>(event: E, run: (...args: Parameters<PeerEvents[E]>) => unknown) =>
		(...args: unknown[]) => {
			const parsed = Checks[event].safeParse(args);
			if (!parsed.success) return logger.warn(`dropped a malformed ${event} from a peer`);
			Promise.resolve(run(...(parsed.data as Parameters<PeerEvents[E]>))).catch((err: unknown) =>
				logger.error(`handling ${event} from a peer failed`, err)
			);
		};
	io.on('chair:signed-out', checked('chair:signed-out', handlers.signedOut));
	io.on('chair:sessions-ended', checked('chair:sessions-ended', handlers.sessionsEnded));
	io.on('event:changed', checked('event:changed', handlers.eventChanged));
	io.on('question:voted', checked('question:voted', handlers.voted));
}
