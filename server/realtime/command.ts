// The one wrapper that runs every command of the protocol catalog on a socket (one listener
// shared by all sockets): an event outside the catalog is ignored; a command
// without an ack callback is dropped unrun; the payload is parsed with the catalog's schema
// (`invalid`); a well-formed open command over its socket's or address's budget is
// `rate_limited` (budgets.ts; a refused join also closes the connection, so that the page
// comes back through its reconnect backoff); chair-only commands need a live chair session (`forbidden`); domain errors
// ack their code; anything else acks `internal` and is logged with its stack, never sent.
// A payload with a `commandId` runs at most once per id: a retry acks the stored result
// (except for commands whose payload has an id of its own, which makes them idempotent); an
// id is the sending device's own, and another device's replay of it is a `conflict`.
import {
	commands,
	type Ack,
	type CommandName,
	type CommandPayload,
	type CommandResult,
	type ErrorBody,
	type Role
} from '#shared/protocol.ts';
import type { Logger } from '../logger.ts';
import { DomainError } from '../services/errors.ts';
import type { CommandClaim, IdempotencyService } from '../services/idempotency.service.ts';
import type { OpenBudgets } from './budgets.ts';
import type { DaisSocket } from './types.ts';

/** `claim` is set when the payload carries a commandId; a store write may record it. */
export type CommandHandler<N extends CommandName> = (
	payload: CommandPayload<N>,
	socket: DaisSocket,
	claim: CommandClaim | null
) => Promise<CommandResult<N>>;

/** A handler for every command in the catalog: a missing one fails type checking. */
export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };

export type CommandDeps = {
	logger: Logger;
	/** The socket's role, from its live chair session (see demoteEndedChair in io.ts). */
	roleOf(socket: DaisSocket): Promise<Role>;
	idempotency: IdempotencyService;
	budgets: OpenBudgets;
};

const fail = (code: ErrorBody['code'], message: string): Ack<never> => ({
	ok: false,
	error: { code, message }
});

/**
 * The one listener all sockets share (`socket.onAny`; Socket.IO calls it with the socket as
 * `this` and the event name first): it runs a catalog command and acks; any other event is
 * ignored. One function for every socket, instead of a closure per command (about 25) on each.
 */
export function commandListener(
	handlers: CommandHandlers,
	deps: CommandDeps
): (this: DaisSocket, name: unknown, ...args: unknown[]) => void {
	return function (this: DaisSocket, name, ...args) {
		if (typeof name !== 'string' || !Object.hasOwn(commands, name)) return;
		const ack = args.at(-1);
		if (typeof ack !== 'function') return;
		const payload = args.length === 2 ? args[0] : undefined;
		void run(name as CommandName, payload, args.length === 2, this, handlers, deps).then((res) =>
			ack(res)
		);
	};
}

async function run<N extends CommandName>(
	name: N,
	payload: unknown,
	wellFormed: boolean,
	socket: DaisSocket,
	handlers: CommandHandlers,
	deps: CommandDeps
): Promise<Ack<CommandResult<N>>> {
	const spec = commands[name];
	const parsed = spec.payload.safeParse(payload);
	if (!wellFormed || !parsed.success) {
		return fail('invalid', `${name} takes one payload object matching its schema, then an ack`);
	}
	// after the parse: a malformed message costs little, a snapshot or a write a lot more
	const wait = deps.budgets.take(name, socket);
	if (wait > 0) {
		// A page whose join is refused waits for nothing; with its connection closed (after
		// this ack) it comes back through its reconnect backoff, which spreads a crowd out.
		if (name === 'track:join') setTimeout(() => socket.conn.close(), 0);
		const message = `too many ${name} from this connection or address; try again shortly`;
		return { ok: false, error: { code: 'rate_limited', message, retryAfterMs: wait } };
	}
	try {
		if (spec.chairOnly && (await deps.roleOf(socket)) !== 'chair') {
			return fail('forbidden', 'only a signed-in chair can do that; please sign in again');
		}
		const handler = handlers[name] as CommandHandler<N>;
		const data = parsed.data as CommandPayload<N>;
		const commandId = (data as { commandId?: string }).commandId;
		if (commandId === undefined || ('ownId' in spec && spec.ownId)) {
			return { ok: true, data: await handler(data, socket, null) };
		}
		const claim = deps.idempotency.claim(commandId, name, data, socket.data.deviceId);
		const result = await deps.idempotency.run(
			claim,
			(c) => handler(data, socket, c),
			(stored) => spec.result.parse(stored) as CommandResult<N>
		);
		return { ok: true, data: result };
	} catch (err) {
		if (err instanceof DomainError) return { ok: false, error: err.toBody() };
		deps.logger.error(`command ${name} failed`, err);
		return fail('internal', 'something went wrong on the server');
	}
}
