// What an import of a schedule file would change (the answer of POST /api/chair/import and
// the output of `npm run import`): counts by kind of change, one line per change for
// people, and the notes on what was read around, guessed or clipped.

export type ImportChangeType = 'added' | 'removed' | 'moved' | 'changed' | 'kept';

export type ImportReport = {
	title: string;
	timezone: string;
	tracks: number;
	slots: number;
	counts: Record<ImportChangeType, number>;
	tracksAdded: string[];
	tracksRemoved: string[];
	/** one line per change */
	lines: string[];
	notes: string[];
};
