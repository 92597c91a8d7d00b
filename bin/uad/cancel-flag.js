// electron/services/cancel-flag.ts
/** The shared flag (set to 1 once `signal` aborts) and a release that stops listening. */
function cancelFlagFor(signal) {
	const cancel = new SharedArrayBuffer(4);
	const flag = new Int32Array(cancel);
	const abort = () => Atomics.store(flag, 0, 1);
	if (signal?.aborted) abort();
	signal?.addEventListener("abort", abort);
	return {
		cancel,
		release: () => signal?.removeEventListener("abort", abort)
	};
}
/** Whether the flag a cancelFlagFor() shared has been set (read on the worker side). */
function flagIsSet(cancel) {
	return Atomics.load(new Int32Array(cancel), 0) !== 0;
}
export { flagIsSet as n, cancelFlagFor as t };
