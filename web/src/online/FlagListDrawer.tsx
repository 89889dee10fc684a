import { useSession } from '../auth/session';
import { FlagList } from './FlagList';
import { useFlagsOpen } from './flags-store';

/** The flag list drawer, mounted only while open and for staff (it closes with a logout). */
export function FlagListDrawer() {
  const open = useFlagsOpen();
  const role = useSession().data?.role;
  return open && role !== undefined && role !== 'public' ? <FlagList /> : null;
}
