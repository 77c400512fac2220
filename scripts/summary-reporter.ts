/**
 * Ends a test run with one plain line, "N passed, N failed, N skipped", that
 * any CI log reader understands whatever test runner printed above it.
 * A suite that failed to load (so its tests never ran), or whose hook failed
 * outside any test, is named above that line with its reason and counted as
 * a failure: neither would otherwise show in the three numbers.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The first line of the first error, short enough for one log line. */
function reasonOf(mod: TestModule): string {
  const error = mod.errors()[0];
  const message = (error?.message ?? error?.name ?? 'no error given').split('\n')[0]!.trim();
  return message.length > 200 ? `${message.slice(0, 199)}…` : message;
}

function describeSuites(what: string, mods: TestModule[]): string {
  if (mods.length === 0) return '';
  const list = mods.map((mod) => `${mod.relativeModuleId} (${reasonOf(mod)})`).join('; ');
  return `${mods.length} ${mods.length === 1 ? 'suite' : 'suites'} ${what}: ${list}\n`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const notLoaded: TestModule[] = [];
    const failedOutsideTests: TestModule[] = [];
    for (const mod of modules) {
      const tests = [...mod.children.allTests()];
      if (mod.state() === 'failed' && tests.length === 0) notLoaded.push(mod);
      else if (mod.errors().length > 0) failedOutsideTests.push(mod);
      for (const test of tests) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    failed += notLoaded.length + failedOutsideTests.length + unhandledErrors.length;
    process.stdout.write(
      `\n${describeSuites('failed to load', notLoaded)}${describeSuites('failed outside any test', failedOutsideTests)}` +
        `${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
