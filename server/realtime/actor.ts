// Who sent a chair command, as the audit log names it: the label of the socket's chair session.
import type { Actor } from '../services/audit.service.ts';
import { chairLabel } from '../services/chair.service.ts';
import type { DaisSocket } from './types.ts';

export const actorOf = (socket: DaisSocket): Actor => ({
	chair: chairLabel(socket.data.sessionId)
});
