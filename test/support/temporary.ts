// Folders a test file needs in the OS temp dir (an app's DATA_DIR, a vendor's records). Each test file runs in a
// process of its own, so removing them when that process exits removes them whether the tests passed, failed or
// stopped early, after every app and database that used them has been stopped by the file's own after() hooks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = new Set<string>();
let removeOnExit = false;

/** A new, empty folder in the OS temp dir (named `<prefix>XXXXXX`), removed when this test process exits. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  made.add(folder);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const each of made) rmSync(each, { recursive: true, force: true, maxRetries: 3 });
    });
  }
  return folder;
}
