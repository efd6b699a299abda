/** The signals that stop a run from outside: Ctrl-C, a kill, a closed terminal. */
const STOPPING = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Called as soon as the work is on disk (its "✓ … opgeslagen" follows at once): a Ctrl-C or kill that comes
 * later ends the run as done (exit 0), since exit 130 tells the user that nothing was written.
 * Put before every other handler (a walk's own says "draft kept" and exits 130).
 */
export function workSaved(): void {
  // Once per process: commands run in-process one after another (tests) would pile up listeners.
  if (saved) return;
  saved = true;
  for (const signal of STOPPING) process.prependListener(signal, () => process.exit(0));
}

let saved = false;

/**
 * Whether workSaved was called. The run then ends with process.exit: a natural end first closes
 * the signal handlers and then tears down for some milliseconds, in which a signal still kills
 * the process (exit 130/143 after the record was saved).
 */
export function isWorkSaved(): boolean {
  return saved;
}

/**
 * Runs `cleanUp` if the process is stopped by a signal or exits while `cleanUp` is registered;
 * returns the way to unregister it. A signal nobody else handles then ends the process as it
 * would have without this (exit 128 + its number).
 */
export function onStop(cleanUp: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    cleanUp();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const release = () => {
    process.removeListener('exit', cleanUp);
    for (const signal of STOPPING) process.removeListener(signal, onSignal);
  };
  process.on('exit', cleanUp);
  for (const signal of STOPPING) process.on(signal, onSignal);
  return release;
}
