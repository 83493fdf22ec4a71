// The attendee URL of a track as a QR code in SVG, for the stage display's corner: built on
// the server so the QR encoder stays out of the client bundles. The URL starts with the join
// base (join-url.ts: PUBLIC_URL, else the origin the request came to unless that is a
// loopback one, else this machine's venue address); a track is named in it only when the
// event has several.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { TrackId, type EventInfo } from '#shared/schema/event.ts';
import { DomainError } from '../services/errors.ts';
import { isHttps } from './origin.ts';
import { HttpError } from './respond.ts';

export const QrQuery = z.strictObject({ track: TrackId.optional() });
export type QrQuery = z.infer<typeof QrQuery>;

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The query of a request, each parameter at most once; throws HttpError 400 otherwise. */
export function parseQrQuery(url: URL): QrQuery {
	const keys = [...url.searchParams.keys()];
	const parsed = QrQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success || new Set(keys).size !== keys.length) {
		throw new HttpError({ code: 'invalid', message: 'use ?track=<track id>' });
	}
	return parsed.data;
}

/** PUBLIC_URL, else the origin the request came to (`invalid` for a malformed Host). */
export function baseUrl(req: IncomingMessage, publicUrl: string | undefined): string {
	return publicUrl ? publicUrl.replace(/\/+$/, '') : requestBase(req);
}

/** The scheme and Host a request came with (`http://localhost:3000`); 400 for a bad Host. */
export function requestBase(req: IncomingMessage): string {
	const host = req.headers.host ?? '';
	if (!HOST.test(host)) throw new HttpError({ code: 'invalid', message: 'a bad Host header' });
	return `${isHttps(req, undefined) ? 'https' : 'http'}://${host}`;
}

/** The URL an attendee of `trackId` should open, under the join base `base`. */
export function attendeeUrl(base: string, event: EventInfo, trackId: string): string {
	return event.tracks.length > 1 ? `${base}/?track=${encodeURIComponent(trackId)}` : `${base}/`;
}

/** The track the query names (the first one when it names none); not_found when unknown. */
export function qrTrack(event: EventInfo, query: QrQuery): string {
	const track = query.track ?? event.tracks[0]?.id;
	if (!track || !event.tracks.some((t) => t.id === track)) {
		throw new DomainError('not_found', `there is no track "${query.track}"`);
	}
	return track;
}

/**
 * `text` as an SVG QR code (error correction M, a 2-module quiet zone). The encoder loads on
 * the first code asked for, not while the server starts (it takes a twentieth of a second).
 */
export async function qrSvg(text: string): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
