// `npm run import -- <file> [--dry-run] [--replace] [--timezone <IANA zone>]`: imports a
// schedule file into the event stored under DATA_DIR (the same configuration as `npm
// start`), printing what changes; with --dry-run it prints the same and writes nothing;
// --replace swaps the whole event instead of applying the difference. Exit codes: 0 done,
// 1 the file or configuration cannot be used (one line says why), 2 wrong arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isTimeZone } from '#shared/time-format.ts';
import { systemClock } from './clock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { importSummary, type ImportReport } from './interchange/report.ts';
import { DomainError } from './services/errors.ts';
import { ImportService } from './services/import.service.ts';
import { Serial } from './services/serial.ts';
import { openSqliteStore } from './store/sqlite/sqlite.store.ts';

const USAGE =
	'usage: npm run import -- <file> [--dry-run] [--timezone <IANA zone, e.g. Europe/Brussels>]';

function print(report: ImportReport, name: string, dryRun: boolean): void {
	const out = (line: string) => process.stdout.write(`${line}\n`);
	out(
		`${dryRun ? 'Would import' : 'Imported'} “${report.title}” (${report.timezone}): ${report.tracks} tracks, ${report.slots} slots`
	);
	for (const line of report.lines) out(`  ${line}`);
	if (report.tracksAdded.length) out(`  tracks added: ${report.tracksAdded.join(', ')}`);
	if (report.tracksRemoved.length) out(`  tracks removed: ${report.tracksRemoved.join(', ')}`);
	for (const note of report.notes) out(`  note: ${note}`);
	out(
		importSummary(report, name).replace(
			/^Imported/,
			dryRun ? 'Dry run, nothing written. Would have imported' : 'Imported'
		)
	);
}

async function main(argv: string[]): Promise<number> {
	let args;
	try {
		args = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				'dry-run': { type: 'boolean' },
				replace: { type: 'boolean' },
				timezone: { type: 'string' }
			}
		});
	} catch (err) {
		process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
		return 2;
	}
	const [file, ...extra] = args.positionals;
	const timezone = args.values.timezone;
	if (!file || extra.length > 0 || (timezone !== undefined && !isTimeZone(timezone))) {
		process.stderr.write(
			`${timezone !== undefined && !isTimeZone(timezone) ? `unknown time zone "${timezone}"\n` : ''}${USAGE}\n`
		);
		return 2;
	}
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(file);
	} catch (err) {
		process.stderr.write(
			`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`
		);
		return 1;
	}
	const config = parseConfig(process.env);
	const store = openSqliteStore(config.dataDir);
	try {
		const service = new ImportService(store, null, systemClock, new Serial());
		const name = path.basename(file);
		const dryRun = args.values['dry-run'] === true;
		const options = {
			name,
			replace: args.values.replace === true,
			...(timezone ? { timezone } : {})
		};
		const report = dryRun
			? await service.preview(bytes, options)
			: await service.apply(bytes, options, { chair: 'npm run import' });
		print(report, name, dryRun);
		return 0;
	} catch (err) {
		if (err instanceof DomainError) {
			process.stderr.write(`${path.basename(file)}: ${err.message}\nNothing was changed.\n`);
			return 1;
		}
		throw err;
	} finally {
		await store.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => (process.exitCode = code),
	(err: unknown) => {
		process.stderr.write(
			err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`
		);
		process.exitCode = 1;
	}
);
