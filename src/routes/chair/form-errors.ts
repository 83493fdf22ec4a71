// Zod issues as short sentences under the form field they concern. Forms validate with the
// same schemas the server uses; this only changes the wording. Pure.
import type { z } from 'zod';

/** The first problem of each field, keyed by the first path segment ('' for the form). */
export type FieldErrors = Record<string, string>;

const units: Record<string, string> = { string: 'characters', array: 'items' };

function capitalised(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) return 'That is not valid.';
	const first = trimmed[0]!.toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** One issue as a sentence: "Required.", "At most 200 characters.", "At least 1.". */
export function issueSentence(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'too_small': {
			if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'Required.';
			const unit = units[issue.origin] ?? '';
			return `At least ${issue.minimum}${unit ? ` ${unit}` : ''}.`;
		}
		case 'too_big': {
			const unit = units[issue.origin] ?? '';
			return `At most ${issue.maximum}${unit ? ` ${unit}` : ''}.`;
		}
		case 'invalid_type':
			return issue.expected === 'number' || issue.expected === 'int'
				? 'Enter a whole number.'
				: 'Required.';
		default:
			return capitalised(issue.message);
	}
}

/** The first issue of every field of a failed parse. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? '');
		errors[key] ??= issueSentence(issue);
	}
	return errors;
}
