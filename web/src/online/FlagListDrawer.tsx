import { FlagList } from './FlagList';
import { useFlagsOpen } from './flags-store';

/** The flag list drawer, mounted only while open (its queries stop when it closes). */
export function FlagListDrawer() {
  return useFlagsOpen() ? <FlagList /> : null;
}
