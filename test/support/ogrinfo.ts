// GDAL's ogrinfo (Debian's gdal-bin) as a real client of the files and services Reclaim makes.
// A missing ogrinfo fails the test with how to install it: such a test is never skipped.
import { execFile } from 'node:child_process';

export const ogrinfoInstallHint =
  'ogrinfo (GDAL) is not installed: apt-get install -y gdal-bin (.ci/run installs it)';

/** Runs `ogrinfo args…`; rejects with the install hint when it is missing, with stderr when it fails. */
export function ogrinfo(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'ogrinfo',
      args,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
          reject(new Error(ogrinfoInstallHint));
        else if (error)
          reject(new Error(`ogrinfo ${args.join(' ')} failed: ${stderr || error.message}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}
