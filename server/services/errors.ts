// Domain errors: a stable wire code plus a sentence for humans. Services throw them; the
// command wrapper and the HTTP layer turn them into `{ code, message }`. Anything else
// thrown is a bug and is reported as `internal` without its text.
import type { ErrorBody, ErrorCode } from '#shared/protocol.ts';

export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly retryAfterMs?: number
	) {
		super(message);
		this.name = 'DomainError';
	}

	toBody(): ErrorBody {
		return this.retryAfterMs === undefined
			? { code: this.code, message: this.message }
			: { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
	}
}
