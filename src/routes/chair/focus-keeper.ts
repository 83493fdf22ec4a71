// Keeps keyboard focus where a chair left it across a command. A control can be disabled or
// removed by the state a command brings back (Start once started, Approve once approved);
// the browser then drops focus to the page body. `holdFocus` notes the focused control
// before the command; the function it returns, called once the page shows the result, puts
// focus back on that control or, when it is gone or disabled, on the first enabled control
// marked `data-focus-first` (else any enabled control) of its `data-focus-home` ancestor,
// or of its console panel (`section`) when it has none.

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]';

const usable = (element: Element): element is HTMLElement =>
	element instanceof HTMLElement &&
	element.isConnected &&
	!element.matches(':disabled') &&
	!element.closest('[inert]');

/** Call before a command; call what it returns after the command's result is on the page. */
export function holdFocus(): () => void {
	if (typeof document === 'undefined') return () => undefined;
	const used = document.activeElement;
	if (!(used instanceof HTMLElement) || used === document.body) return () => undefined;
	const home =
		used.closest<HTMLElement>('[data-focus-home]') ?? used.closest<HTMLElement>('section');
	return () => {
		const now = document.activeElement;
		// the chair moved focus meanwhile (tabbed on, opened a dialog): leave it there
		if (now && now !== document.body && now !== used) return;
		if (usable(used)) {
			if (now !== used) used.focus();
			return;
		}
		if (!home?.isConnected) return;
		const candidates = [
			...home.querySelectorAll('[data-focus-first]'),
			...home.querySelectorAll(FOCUSABLE)
		];
		const next = candidates.find(usable);
		if (next) next.focus();
		else {
			home.tabIndex = -1;
			home.focus();
		}
	};
}
