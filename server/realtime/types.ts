// Socket.IO types of the server. Inbound arguments are `unknown` until the command wrapper
// has validated them against the protocol catalog; outbound events are the typed catalog.
import type { Server, Socket } from 'socket.io';
import type { ChairEnded, CommandName, Role, ServerToClientEvents } from '#shared/protocol.ts';

export type InboundEvents = { [N in CommandName]: (...args: unknown[]) => void };

export type SocketData = {
	role: Role;
	/** the chair session the handshake cookie carried; null for attendees */
	sessionId: string | null;
	/** when that session expires (epoch ms); null for attendees */
	chairUntil: number | null;
	/** the device identity the handshake's token proved, or a fresh one */
	deviceId: string;
	/** the token to hand out right after connecting when the device id is fresh */
	freshToken: string | null;
	/** the throttling key of the client's address (see addressKey) */
	address: string;
	/** the stage key the handshake brought (checked when used: a chair may revoke it) */
	stageKey: string | null;
};

/** What one Dais process tells the others over the adapter (peers.ts); never a client. */
export type PeerEvents = {
	'chair:signed-out': (sessionId: string) => void;
	'chair:sessions-ended': (reason: ChairEnded['reason']) => void;
	'event:changed': () => void;
	'question:voted': (slotId: string, trackId: string, questionIds: string[]) => void;
};

export type DaisServer = Server<InboundEvents, ServerToClientEvents, PeerEvents, SocketData>;
export type DaisSocket = Socket<InboundEvents, ServerToClientEvents, PeerEvents, SocketData>;
