// A form's submission: busy while the call runs, the server's error in the user's language,
// and the page reloaded after it succeeded.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from '../supervision/use-api.ts';

export function useAction(onDone: () => void) {
  const { pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(call: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await call();
      onDone();
      return true;
    } catch (e) {
      setError(errorText(e, pick));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** The roles whose bureaus keep the records and write their reclamation. */
export const writerRoles = ['city', 'county'];
